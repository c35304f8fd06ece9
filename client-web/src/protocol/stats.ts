// Numbers a HUD shows about the connection: bandwidth in, round trip, snapshot health.

/** Bytes received over the last second, kept as a short list of (time, bytes). */
export class TrafficMeter {
  private samples: { at: number; bytes: number }[] = [];
  private total = 0;

  constructor(private readonly windowMs = 1000) {}

  record(bytes: number, nowMs: number): void {
    this.samples.push({ at: nowMs, bytes });
    this.total += bytes;
    this.trim(nowMs);
  }

  /** Bytes per second over the window ending at `nowMs`. */
  bytesPerSecond(nowMs: number): number {
    this.trim(nowMs);
    let sum = 0;
    for (const s of this.samples) sum += s.bytes;
    return (sum * 1000) / this.windowMs;
  }

  /** Bytes received since the start. */
  get totalBytes(): number {
    return this.total;
  }

  private trim(nowMs: number): void {
    let drop = 0;
    while (drop < this.samples.length && this.samples[drop].at <= nowMs - this.windowMs) drop++;
    if (drop > 0) this.samples.splice(0, drop);
  }
}

export interface SessionStats {
  readonly traffic: TrafficMeter;
  /** Last measured round trip in ms (Ping → Pong), undefined before the first Pong. */
  pingMs: number | undefined;
  /** Snapshots applied since the start. */
  snapshots: number;
  /** Snapshots that could not be applied (malformed, or base not stored). */
  snapshotErrors: number;
  /** Times the session resumed after a dropped connection. */
  resumes: number;
  /**
   * Longest wait between two snapshots applied on one connection, ms (0 before the second).
   * A stalled link shows here: TCP delivers everything, late.
   */
  maxSnapshotGapMs: number;
  /** Snapshots applied more than two send intervals (Welcome.send_rate) after the one before. */
  lateSnapshots: number;
}

export function newSessionStats(): SessionStats {
  return { traffic: new TrafficMeter(), pingMs: undefined, snapshots: 0, snapshotErrors: 0, resumes: 0, maxSnapshotGapMs: 0, lateSnapshots: 0 };
}
