// The monitor's view of the server's REST and metrics endpoints. Every reader tolerates a
// server that lacks the endpoint or a field (they are growing), and reports that as absent.

export interface RoomInfo {
  readonly roomId: string;
  /** The game the room runs ("arena", "football"), undefined from a server that does not say. */
  readonly game?: string;
  /** The options the room was made with (e.g. {mode: "1v1"}); empty for none. */
  readonly options?: Readonly<Record<string, string>>;
  readonly players: number;
  readonly spectators: number;
  readonly maxPlayers: number;
  readonly tick: number;
  readonly tickRate: number;
  /** Tick duration percentiles in ms, when the server measures them. */
  readonly tickMs: Percentiles;
  /** How late ticks started against their schedule, in ms, when reported. */
  readonly latenessMs: Percentiles;
  /** Bytes sent per second, when the server reports a rate. */
  readonly bytesOutPerS?: number;
  /** Bytes sent since the room opened, when the server reports a total (the monitor derives a rate). */
  readonly bytesOut?: number;
  /** Snapshots skipped for clients whose socket was full, when reported. */
  readonly skippedSnapshots?: number;
}

export interface Percentiles {
  readonly p50?: number;
  readonly p99?: number;
}

/** GET /api/rooms. Throws when the server cannot be reached or answers an error. */
export async function fetchRooms(): Promise<RoomInfo[]> {
  const response = await fetch("/api/rooms", { cache: "no-store" });
  if (!response.ok) throw new Error(`/api/rooms: HTTP ${response.status}`);
  return parseRooms(await response.json());
}

/** The rooms of a GET /api/rooms answer; throws when it is not a list. */
export function parseRooms(body: unknown): RoomInfo[] {
  if (!Array.isArray(body)) throw new Error("/api/rooms: not a list");
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
  const opt = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
  const percentiles = (v: unknown): Percentiles => {
    const p = (v ?? {}) as Record<string, unknown>;
    return { p50: opt(p.p50), p99: opt(p.p99) };
  };
  const options = (v: unknown): Record<string, string> =>
    Object.fromEntries(Object.entries(typeof v === "object" && v !== null ? v : {}).filter(([, value]) => typeof value === "string"));
  return body.map((r: Record<string, unknown>) => ({
    roomId: String(r.roomId ?? "?"),
    game: typeof r.game === "string" ? r.game : undefined,
    options: options(r.options),
    players: num(r.players),
    spectators: num(r.spectators),
    maxPlayers: num(r.maxPlayers),
    tick: num(r.tick),
    tickRate: num(r.tickRate),
    tickMs: percentiles(r.tickMs),
    latenessMs: percentiles(r.latenessMs),
    bytesOutPerS: opt(r.bytesOutPerS),
    bytesOut: opt(r.bytesOut),
    skippedSnapshots: opt(r.skippedSnapshots),
  }));
}

/** The game and options of a room for people: "football (mode 1v1)", "arena", "–" when unknown. */
export function roomGameLabel(room: Pick<RoomInfo, "game" | "options">): string {
  const options = Object.entries(room.options ?? {}).map(([k, v]) => `${k} ${v}`);
  return `${room.game ?? "–"}${options.length ? ` (${options.join(", ")})` : ""}`;
}

/** GET /health: true when it answers 2xx. */
export async function fetchHealth(): Promise<boolean> {
  try {
    return (await fetch("/health", { cache: "no-store" })).ok;
  } catch {
    return false;
  }
}

/**
 * Sent bytes per second of each room: the server's rate when it gives one, otherwise derived
 * from its running total between two polls. Keeps the totals it needs between calls.
 */
export class OutRate {
  private last = new Map<string, { bytes: number; at: number }>();

  of(rooms: readonly RoomInfo[], nowMs: number): Map<string, number | undefined> {
    const rates = new Map<string, number | undefined>();
    const next = new Map<string, { bytes: number; at: number }>();
    for (const r of rooms) {
      if (r.bytesOutPerS !== undefined) {
        rates.set(r.roomId, r.bytesOutPerS);
      } else if (r.bytesOut !== undefined) {
        const prev = this.last.get(r.roomId);
        const dt = prev ? (nowMs - prev.at) / 1000 : 0;
        rates.set(r.roomId, prev && dt > 0 && r.bytesOut >= prev.bytes ? (r.bytesOut - prev.bytes) / dt : undefined);
        next.set(r.roomId, { bytes: r.bytesOut, at: nowMs });
      }
    }
    this.last = next;
    return rates;
  }
}

export interface MetricSample {
  readonly name: string;
  /** The label set as written, e.g. `{room="r1"}`, or "". */
  readonly labels: string;
  readonly value: number;
}

/** GET /metrics, parsed; undefined when the server has no metrics endpoint (yet). */
export async function fetchMetrics(): Promise<MetricSample[] | undefined> {
  try {
    const response = await fetch("/metrics", { cache: "no-store" });
    if (!response.ok) return undefined;
    return parsePrometheus(await response.text());
  } catch {
    return undefined;
  }
}

/** Parses the Prometheus text format's samples (comments and timestamps are skipped). */
export function parsePrometheus(text: string): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const value = Number(m[3]);
    if (Number.isNaN(value) && m[3] !== "NaN") continue;
    samples.push({ name: m[1], labels: m[2] ?? "", value });
  }
  return samples;
}

/**
 * The samples worth a glance: Tickstream's own, then process and JVM basics. A small list,
 * so the monitor stays readable whatever the server exports.
 */
export function interestingMetrics(samples: readonly MetricSample[], limit = 60): MetricSample[] {
  const rank = (name: string) =>
    name.startsWith("tickstream") ? 0 : /^(process_cpu|system_cpu|jvm_memory_used|jvm_gc_pause|jvm_threads_live)/.test(name) ? 1 : 2;
  return samples
    .filter((s) => rank(s.name) < 2)
    .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name))
    .slice(0, limit);
}
