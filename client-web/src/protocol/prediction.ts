// Client-side prediction and reconciliation of the player's own entity.
//
// Each input the client sends moves its own player at once, by the same step the server will
// run (one input = one tick). When a snapshot arrives it carries the authoritative position
// and the last input seq the server applied: the predictor starts again from that position
// and replays the inputs the server has not applied yet. What the player sees therefore
// reacts immediately, yet never drifts from the server for more than a round trip.
//
// Small disagreements (an input that landed a tick late) are hidden by a correction offset
// that decays over `smoothingMs`; large ones (a respawn) snap.

/** A point in map units. */
export interface Vec2 {
  readonly x: number;
  readonly y: number;
}

/** An input that was sent, with its Input.seq. */
export interface PredictedInput<I> {
  readonly seq: number;
  /** The game's input message as it was sent. */
  readonly input: I;
}

/**
 * One tick of the game's movement for one input, exactly as the server runs it. `S` is
 * whatever the game needs to step (a position in map units at least: a dash cooldown, say).
 */
export type StepFunction<I, S extends Vec2 = Vec2> = (state: S, input: I) => S;

export interface PredictorOptions {
  /** Inputs kept for replay; older ones are dropped (the server acks long before). @default 128 */
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
  private current: S | undefined;
  private previous: Vec2 | undefined;
  private lastStepAt = 0;
  private offset: Vec2 = { x: 0, y: 0 };
  private offsetAt = 0;

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

  /** Inputs sent but not yet applied by the server, oldest first. */
  get unacknowledged(): readonly PredictedInput<I>[] {
    return this.pending;
  }

  /** Records an input that was just sent and advances the prediction by one tick. */
  push(input: PredictedInput<I>, nowMs: number): void {
    const last = this.pending[this.pending.length - 1];
    if (last && input.seq <= last.seq) throw new RangeError(`input seq must increase: ${input.seq} after ${last.seq}`);
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
    let drop = 0;
    while (drop < this.pending.length && this.pending[drop].seq <= lastInputSeq) drop++;
    if (drop > 0) this.pending = this.pending.slice(drop);

    let pos = authoritative;
    for (const sent of this.pending) pos = this.step(pos, sent.input);

    const before = this.current;
    const correction = before ? Math.hypot(before.x - pos.x, before.y - pos.y) : Infinity;
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
    this.current = this.previous = undefined;
    this.offset = { x: 0, y: 0 };
  }

  private correction(nowMs: number): Vec2 {
    const k = Math.exp(-Math.max(0, nowMs - this.offsetAt) / this.smoothingMs);
    return { x: this.offset.x * k, y: this.offset.y * k };
  }
}
