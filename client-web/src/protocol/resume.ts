// What a session does when its connection closes: follow a redirect, resume with its token
// (at once, then backing off within the server's grace period), or stop and say why.

import type { Closing, Welcome } from "../gen/tickstream/v1/tickstream_pb.js";
import { closeReason, isFinalClose, isGameClose } from "./closes.js";
import { withToken } from "./matchmake.js";

/** The close, and what the session knows when it happens. */
export interface ClosedConnection {
  /** The close event's code and reason. */
  readonly code: number;
  readonly reason: string;
  /** The Closing message the server sent before closing, if any (its code and reason win). */
  readonly closing: Closing | undefined;
  /** The last Welcome, undefined when the session was never welcomed. */
  readonly welcome: Welcome | undefined;
  /** The URL the connection used. */
  readonly url: string;
  /** The session closed it itself to get a complete snapshot: resume whatever the code. */
  readonly resync: boolean;
  /** SessionOptions.reconnect. */
  readonly reconnect: boolean;
}

export type ResumePlan =
  | { readonly action: "close"; readonly reason: string }
  /** Connect to `url` after `delayMs`; `reason` (when set) is the new reconnecting status reason. */
  | { readonly action: "connect"; readonly url: string; readonly delayMs: number; readonly reason?: string };

export class ResumePlanner {
  private lostAt = 0;
  private attempt = 0;
  private resuming = false;

  /** @param now monotonic clock in ms */
  constructor(private readonly now: () => number) {}

  /** The connection is back (welcomed): the next drop starts a new grace period. */
  connected(): void {
    this.resuming = false;
  }

  plan(c: ClosedConnection): ResumePlan {
    const code = c.closing?.code ?? c.code;
    const why = closeReason(code, c.closing?.reason || c.reason);
    const token = c.welcome?.resumeToken;
    const redirect = c.closing?.redirectUrl;
    if (redirect) {
      // The server moves us (a node draining): same seat, new address.
      const url = new URL(redirect).searchParams.has("token") || !token ? redirect : withToken(redirect, token);
      return { action: "connect", url, delayMs: 0, reason: `moving: ${why}` };
    }
    if (!c.welcome) {
      // The game's own refusal says why; anything else is most likely a bad or expired seat.
      if (isGameClose(code)) return { action: "close", reason: why };
      return { action: "close", reason: `could not join (${why}); the seat may have expired or the server refused it` };
    }
    if ((!c.resync && isFinalClose(code)) || !c.reconnect || !token) return { action: "close", reason: why };
    const now = this.now();
    let reason: string | undefined;
    if (!this.resuming) {
      this.resuming = true;
      this.lostAt = now;
      this.attempt = 0;
      reason = `connection lost (${why}), resuming…`;
    }
    const graceMs = c.welcome.resumeGraceMs;
    const left = this.lostAt + graceMs - now;
    if (left <= 0 && this.attempt > 0) {
      return { action: "close", reason: `connection lost and could not resume within ${Math.round(graceMs / 1000)} s (${why})` };
    }
    // First try at once (most drops are a blip), then back off up to 2 s within the grace.
    const backoff = this.attempt === 0 ? 0 : Math.min(2000, 125 * 2 ** this.attempt);
    this.attempt++;
    return { action: "connect", url: withToken(c.url, token), delayMs: Math.max(0, Math.min(backoff, left)), reason };
  }
}
