// A client-side clock of server ticks, estimated from when snapshots arrive.
//
// Snapshots leave the server every tick but reach us with jitter; a snapshot can be late but
// never early. So the clock keeps the earliest arrival seen (relative to its tick) as the edge
// of "now", and creeps towards later samples only slowly, to follow a server that runs a
// little slow. Interpolation renders a fixed delay behind this edge; projectiles are
// extrapolated along it.

export class TickClock {
  private readonly tickMs: number;
  /** Local time (ms) at which tick 0 would have arrived; undefined before the first sample. */
  private origin: number | undefined;

  /**
   * @param tickRate server ticks per second (Welcome.tick_rate)
   * @param followRate how far a late sample pulls the clock (0..1) @default 0.01
   * @param resetAfterMs a sample this much later than expected resets the clock (the server
   *   paused, or the room moved) instead of being followed slowly @default 1000
   */
  constructor(
    tickRate: number,
    private readonly followRate = 0.01,
    private readonly resetAfterMs = 1000,
  ) {
    if (!(tickRate > 0)) throw new RangeError(`tickRate must be positive: ${tickRate}`);
    this.tickMs = 1000 / tickRate;
  }

  get msPerTick(): number {
    return this.tickMs;
  }

  /** Records that the snapshot of `tick` arrived at local time `nowMs`. */
  observe(tick: number, nowMs: number): void {
    const sample = nowMs - tick * this.tickMs;
    if (this.origin === undefined || sample < this.origin || sample - this.origin > this.resetAfterMs) {
      this.origin = sample;
    } else {
      this.origin += (sample - this.origin) * this.followRate;
    }
  }

  /** The (fractional) newest tick expected to have arrived by `nowMs`; undefined before any sample. */
  tickAt(nowMs: number): number | undefined {
    return this.origin === undefined ? undefined : (nowMs - this.origin) / this.tickMs;
  }

  reset(): void {
    this.origin = undefined;
  }
}
