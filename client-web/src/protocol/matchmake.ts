// Seat reservation over REST: POST /api/matchmake answers where to connect and with what token;
// GET /api/games lists the games a server runs.

export type SeatRole = "player" | "spectator";

export interface SeatRequest {
  /** Display name, at most 16 characters. */
  readonly name: string;
  readonly role: SeatRole;
  /** Ask for this room (e.g. to watch it, or to rejoin friends); the server may refuse. */
  readonly roomId?: string;
  /** The game to play (a name from GET /api/games, e.g. "arena"). @default the server's default game */
  readonly game?: string;
  /** The game's room options (e.g. {"mode": "duel"}), for a room created for this request. @default none */
  readonly options?: Readonly<Record<string, string>>;
  /**
   * Spectators only: watch the room as it was this many whole seconds ago, never anything newer
   * (at most the server's spectatorMaxDelaySeconds; more is refused with 400 and the bound).
   * @default 0, live
   */
  readonly delaySeconds?: number;
}

/** One game a server runs, as GET /api/games lists it (servers may add more properties). */
export interface GameInfo {
  /** The game's name, for SeatRequest.game. */
  readonly name: string;
  readonly [property: string]: unknown;
}

/** A signed, short-lived seat: open `url` (token included) before `expiresInMs` runs out. */
export interface SeatReservation {
  readonly roomId: string;
  /** Full ws:// or wss:// URL with ?token=…, built by the server from the request's host. */
  readonly url: string;
  readonly token: string;
  readonly role: SeatRole;
  readonly expiresInMs: number;
}

export class MatchmakeError extends Error {
  constructor(
    message: string,
    /** HTTP status, 0 when the server could not be reached. */
    readonly status: number,
  ) {
    super(message);
    this.name = "MatchmakeError";
  }
}

export interface MatchmakeOptions {
  /** Server origin, e.g. "https://play.example.com". @default the page's own */
  readonly baseUrl?: string;
  /** @default the platform's fetch */
  readonly fetch?: typeof fetch;
}

/** Asks the server for a seat. Rejects with MatchmakeError (503 when no seat is free). */
export async function matchmake(request: SeatRequest, options: MatchmakeOptions = {}): Promise<SeatReservation> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const url = new URL("/api/matchmake", options.baseUrl ?? globalThis.location?.href);
  let response: Response;
  try {
    response = await doFetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(request),
    });
  } catch (e) {
    throw new MatchmakeError(`server unreachable: ${(e as Error).message}`, 0);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const reason = (body as { error?: string } | undefined)?.error ?? response.statusText;
    throw new MatchmakeError(reason || `HTTP ${response.status}`, response.status);
  }
  const seat = body as Partial<SeatReservation> | undefined;
  if (!seat || typeof seat.url !== "string" || typeof seat.roomId !== "string") {
    throw new MatchmakeError("malformed matchmake answer", response.status);
  }
  return seat as SeatReservation;
}

/** Lists the games the server runs (GET /api/games). Rejects with MatchmakeError. */
export async function listGames(options: MatchmakeOptions = {}): Promise<GameInfo[]> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const url = new URL("/api/games", options.baseUrl ?? globalThis.location?.href);
  let response: Response;
  try {
    response = await doFetch(url, { headers: { accept: "application/json" } });
  } catch (e) {
    throw new MatchmakeError(`server unreachable: ${(e as Error).message}`, 0);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw new MatchmakeError((body as { error?: string } | undefined)?.error ?? `HTTP ${response.status}`, response.status);
  if (!Array.isArray(body)) throw new MatchmakeError("malformed games answer", response.status);
  return body.filter((g): g is GameInfo => typeof g === "object" && g !== null && typeof (g as GameInfo).name === "string");
}

/** The same WebSocket URL with another token (used to resume with Welcome.resume_token). */
export function withToken(url: string, token: string): string {
  const u = new URL(url);
  u.searchParams.set("token", token);
  return u.toString();
}
