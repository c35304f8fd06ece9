// Client-side prediction and reconciliation of the player's own entity.
//
// Every tick the client steps its own player at once with the input in force, by the same step
// the server will run: an input holds on the server until the next one, so the client sends an
// input only when it changes, yet predicts every tick. Each step is recorded with the seq of
// the input it used (a held input's steps share its seq). When a snapshot arrives it carries
// the authoritative position and the last input seq the server applied: the predictor starts
// again from that position and replays the steps the server has not run yet. Steps of inputs
// newer than that seq are surely not run; of the applied input's own steps, the server has run
// all but the last round trip's worth, measured in steps from sending an input to the first
// snapshot that applied it. (With one input per tick that is exactly "replay the inputs after
// last_input_seq".) What the player sees therefore reacts immediately, yet never drifts from
// the server for more than a round trip.
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
 * position in map units plus anything else the step needs).
 */
export class Predictor<I = unknown, S extends Vec2 = Vec2> {
  private readonly maxPending: number;
  private readonly smoothingMs: number;
  private readonly snapDistance: number;
  private pending: PredictedInput<I>[] = [];
  /** Steps from sending an input to the first snapshot that applied it: the round trip. */
  private lag = 0;
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

  /** Predicted ticks the server has not run yet (as far as the client knows), oldest first. */
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
    this.pending.push(input);
    if (this.pending.length > this.maxPending) this.pending.shift();
    if (this.current) {
      this.previous = this.current;
      this.current = this.step(this.current, input.input);
      this.lastStepAt = nowMs;
    }
  }

  /**
   * Reconciles with a snapshot: `authoritative` is the entity's position at the snapshot's
   * tick and `lastInputSeq` the last input the server had applied by then. `teleported` says
   * the server moved the entity by rule (a respawn): snap instead of smoothing.
   */
  reconcile(authoritative: S, lastInputSeq: number, nowMs: number, teleported = false): void {
    const steps = this.pending;
    // Steps of inputs after lastInputSeq are surely not run; of its own steps, its first is.
    let newer = 0;
    while (newer < steps.length && steps[newer].seq <= lastInputSeq) newer++;
    let own = newer;
    while (own > 0 && steps[own - 1].seq === lastInputSeq) own--;
    let drop = newer;
    if (own < newer) {
      const first = steps[own].sent !== false;
      if (first) this.lag = steps.length - own - 1; // first heard of: the round trip, in steps
      drop = Math.min(newer, Math.max(first ? own + 1 : own, steps.length - this.lag));
    }
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

  /** Forgets inputs and position (a new session numbers its inputs from 1 again). */
  reset(): void {
    this.pending = [];
    this.lag = 0;
    this.current = this.previous = undefined;
    this.offset = { x: 0, y: 0 };
  }

  private correction(nowMs: number): Vec2 {
    const k = Math.exp(-Math.max(0, nowMs - this.offsetAt) / this.smoothingMs);
    return { x: this.offset.x * k, y: this.offset.y * k };
  }
}
