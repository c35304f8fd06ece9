// Periodic tasks on a fixed schedule (inputs at the tick rate, pings), without drift and
// without bursts after a stall.

export class Beats {
  private timers: ReturnType<typeof setTimeout>[] = [];

  /** @param now monotonic clock in ms */
  constructor(private readonly now: () => number) {}

  /** Runs `task` every `periodMs` against a fixed schedule (no drift), never in a burst. */
  every(periodMs: number, task: () => void): void {
    let next = this.now() + periodMs;
    const slot = this.timers.length;
    const run = () => {
      task();
      const now = this.now();
      next += periodMs;
      if (next < now) next = now + periodMs; // fell behind (a hidden tab): skip, do not burst
      this.timers[slot] = setTimeout(run, next - now);
    };
    this.timers[slot] = setTimeout(run, periodMs);
  }

  /** Stops every task. */
  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
  }
}
