// Client-side prediction and reconciliation of the player's own entity.
//
// Every tick the client steps its own player at once with the input in force, by the same step
// the server will run: an input holds on the server until the next one, so the client sends an
// input only when it changes, yet predicts every tick. Each step is recorded with the seq of
// the input it used (a held input's steps share its seq) and its place among that seq's steps.
// When a snapshot arrives it carries its tick, the authoritative position and the last input
// seq the server applied: the predictor starts again from that position and replays the steps
// the server has not run yet. Steps of inputs newer than that seq are surely not run; of the
// applied input's own steps, the server has run one per tick from the tick that first applied
// it to the snapshot's, so the count comes from the server's tick numbers, not from a round-trip
// estimate that a stalled link (snapshots late, then in a burst) would throw off. The first
// snapshot showing a seq has the tick that first applied it, unless ticks went unsent before
// it (a send rate below the tick rate, or snapshots skipped for a full socket); then the
// predictor places that tick by the ticks it has seen between inputs being sent and applied.
// (With one input per tick this is exactly "replay the inputs after last_input_seq".) What the
// player sees therefore reacts immediately, and agrees with the server whenever the server
// ran the steps the client did.
//
// Small disagreements (an input that landed a tick late) are hidden by a correction offset
// that decays over `smoothingMs`; large ones (a respawn) snap.

/** A point in map units. */
export interface Vec2 {
  readonly x: number;
  readonly y: number;
}

/** One predicted tick: the input in force, with the Input.seq it was sent with. */
export interface PredictedInput<I> {
  readonly seq: number;
  /** The game's input message as it was sent. */
  readonly input: I;
  /**
   * True when this tick's input was sent with this seq just now (the first tick it is in
   * force); false for a later tick of a held input. @default true
   */
  readonly sent?: boolean;
}

/**
 * What a snapshot says about this client's inputs (a WorldState is one).
 */
export interface InputAck {
  /** The snapshot's tick: the server's tick counter, one step of the world per tick. */
  readonly tick: number;
  /** The last Input.seq the server had applied by the end of that tick (0: none yet). */
  readonly lastInputSeq: number;
}

/** A recorded step: `n` is its place among its seq's steps (0: the tick it was sent), `at` the client's step count. */
interface Step<I> extends PredictedInput<I> {
  readonly n: number;
  readonly at: number;
}

/**
 * One tick of the game's movement for one input, exactly as the server runs it. `S` is
 * whatever the game needs to step (a position in map units at least: a dash cooldown, say).
 */
export type StepFunction<I, S extends Vec2 = Vec2> = (state: S, input: I) => S;

export interface PredictorOptions {
  /** Predicted ticks kept for replay; older ones are dropped (the server acks long before). @default 128 */
  readonly maxPending?: number;
  /** Time constant of the correction's decay, in ms. @default 100 */
  readonly smoothingMs?: number;
  /** A correction at least this long (map units) is a teleport and snaps. @default 100 */
  readonly snapDistance?: number;
}

/**
 * Predicts the steered entity. `I` is the game's input message, `S` its predicted state (a
 * position in map units plus anything else the step needs). Not thread-safe: call it only from
 * the thread the session runs on (the page's), one `push` per tick at the server's tick rate
 * and one `reconcile` per snapshot, in arrival order.
 */
export class Predictor<I = unknown, S extends Vec2 = Vec2> {
  private readonly maxPending: number;
  private readonly smoothingMs: number;
  private readonly snapDistance: number;
  private pending: Step<I>[] = [];
  /** Steps pushed since the last reset, and the last one's seq and place in it. */
  private pushed = 0;
  private lastSeq = 0;
  private lastN = -1;
  /** The seq the last snapshot acknowledged, and the server tick estimated to have first applied it. */
  private ackSeq = 0;
  private ackFrom = 0;
  /** The tick of the last snapshot reconciled; undefined before the first (since a reset). */
  private lastTick: number | undefined;
  /**
   * Server tick that first applies an input minus the client's step count when it was sent:
   * places that tick when the first snapshot showing the input came after unsent ticks.
   */
  private sendToApply: number | undefined;
  private current: S | undefined;
  private previous: Vec2 | undefined;
  private lastStepAt = 0;
  private offset: Vec2 = { x: 0, y: 0 };
  private offsetAt = 0;
  private largest = 0;

  constructor(
    private readonly step: StepFunction<I, S>,
    options: PredictorOptions = {},
  ) {
    this.maxPending = options.maxPending ?? 128;
    this.smoothingMs = options.smoothingMs ?? 100;
    this.snapDistance = options.snapDistance ?? 100;
  }

  /** The predicted position after every input sent so far; undefined before the first snapshot. */
  get position(): S | undefined {
    return this.current;
  }

  /**
   * The largest correction a snapshot has made to the prediction so far, in map units: how far
   * the predicted position was from where the server's position with the unapplied inputs
   * replayed put it. Teleports (respawns) are not counted; a reset keeps it.
   */
  get maxCorrection(): number {
    return this.largest;
  }

  /**
   * Predicted ticks the server has not run yet (as far as the client knows), oldest first: at
   * most `maxPending`, a held input's once per tick.
   */
  get unacknowledged(): readonly PredictedInput<I>[] {
    return this.pending;
  }

  /**
   * Records one tick's input and advances the prediction by one tick: a newly sent input
   * (a greater seq, `sent` true or absent) or the held one again (its seq, `sent` false).
   */
  push(input: PredictedInput<I>, nowMs: number): void {
    const last = this.pending[this.pending.length - 1];
    const fresh = input.sent !== false;
    if (last && (fresh ? input.seq <= last.seq : input.seq !== last.seq)) {
      throw new RangeError(`input seq must ${fresh ? "increase" : "stay"}: ${input.seq} after ${last.seq}`);
    }
    // A held input's steps are consecutive: the n-th was pushed n steps after the first.
    const n = fresh || input.seq !== this.lastSeq ? 0 : this.lastN + 1;
    this.lastSeq = input.seq;
    this.lastN = n;
    this.pending.push({ ...input, n, at: this.pushed++ });
    if (this.pending.length > this.maxPending) this.pending.shift();
    if (this.current) {
      this.previous = this.current;
      this.current = this.step(this.current, input.input);
      this.lastStepAt = nowMs;
    }
  }

  /**
   * Reconciles with a snapshot: `authoritative` is the entity's state at the snapshot's tick
   * (position in map units), `ack` the snapshot's tick and the last input seq the server had
   * applied by then (pass the WorldState). `nowMs` is the caller's clock in ms, as given to
   * `push`. `teleported` says the server moved the entity by rule (a respawn): snap instead of
   * smoothing. Snapshots must come in the order the server sent them; a tick lower than the
   * last one (a new connection should `reset` first) starts counting afresh.
   */
  reconcile(authoritative: S, ack: InputAck, nowMs: number, teleported = false): void {
    const { tick, lastInputSeq: seq } = ack;
    const backwards = this.lastTick !== undefined && tick < this.lastTick;
    if (seq !== this.ackSeq || this.lastTick === undefined || backwards) {
      this.ackFrom = this.firstApplied(seq, tick, backwards ? undefined : this.lastTick);
      this.ackSeq = seq;
    }
    this.lastTick = tick;
    // The server applies the held input once per tick: from ackFrom to tick, that many steps.
    const run = tick - this.ackFrom + 1;
    let drop = 0;
    const steps = this.pending;
    while (drop < steps.length && (steps[drop].seq < seq || (steps[drop].seq === seq && steps[drop].n < run))) drop++;
    if (drop > 0) this.pending = steps.slice(drop);

    let pos = authoritative;
    for (const sent of this.pending) pos = this.step(pos, sent.input);

    const before = this.current;
    const correction = before ? Math.hypot(before.x - pos.x, before.y - pos.y) : Infinity;
    if (before && !teleported && correction > this.largest) this.largest = correction;
    if (before && this.previous && !teleported && correction < this.snapDistance) {
      // Move both ends of the drawn segment by the correction and let the offset take it back
      // over time: what is drawn does not jump, whether or not inputs are still pending.
      const dx = pos.x - before.x;
      const dy = pos.y - before.y;
      const carried = this.correction(nowMs);
      this.offset = { x: carried.x - dx, y: carried.y - dy };
      this.previous = { x: this.previous.x + dx, y: this.previous.y + dy };
      if (Math.hypot(this.offset.x, this.offset.y) >= this.snapDistance) this.offset = { x: 0, y: 0 };
    } else {
      this.offset = { x: 0, y: 0 };
      this.previous = pos;
      this.lastStepAt = nowMs;
    }
    this.offsetAt = nowMs;
    this.current = pos;
  }

  /**
   * Where to draw the entity at `nowMs`: between the last two predicted ticks (inputs step it
   * only `stepMs` apart), plus what is left of the correction.
   */
  renderPosition(nowMs: number, stepMs: number): Vec2 | undefined {
    const cur = this.current;
    if (!cur) return undefined;
    const prev = this.previous ?? cur;
    const alpha = Math.min(1, Math.max(0, (nowMs - this.lastStepAt) / stepMs));
    const c = this.correction(nowMs);
    return { x: prev.x + (cur.x - prev.x) * alpha + c.x, y: prev.y + (cur.y - prev.y) * alpha + c.y };
  }

  /**
   * Forgets inputs, position and ticks (a new connection numbers its inputs from 1 again, and
   * a new node may number its ticks differently). The largest correction stays.
   */
  reset(): void {
    this.pending = [];
    this.pushed = 0;
    this.lastSeq = 0;
    this.lastN = -1;
    this.ackSeq = 0;
    this.ackFrom = 0;
    this.lastTick = undefined;
    this.sendToApply = undefined;
    this.current = this.previous = undefined;
    this.offset = { x: 0, y: 0 };
  }

  /**
   * The tick that first applied `seq`, first shown at `tick`: it lies after `previousTick` (whose
   * snapshot showed an older seq) and at or before `tick`. When that leaves several ticks, the
   * one its send time and the usual send-to-apply delay point at, kept within those bounds.
   */
  private firstApplied(seq: number, tick: number, previousTick: number | undefined): number {
    const step = seq > 0 ? this.pending.find((s) => s.seq === seq) : undefined;
    if (!step) return tick;
    const sentAt = step.at - step.n;
    const latest = tick - sentAt;
    const earliest = previousTick === undefined ? -Infinity : previousTick + 1 - sentAt;
    const delay = this.sendToApply === undefined ? latest : Math.min(latest, Math.max(earliest, this.sendToApply));
    this.sendToApply = delay;
    return sentAt + delay;
  }

  private correction(nowMs: number): Vec2 {
    const k = Math.exp(-Math.max(0, nowMs - this.offsetAt) / this.smoothingMs);
    return { x: this.offset.x * k, y: this.offset.y * k };
  }
}
