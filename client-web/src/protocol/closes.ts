// What a close code means for a session: whether resuming can help, and words for people.

/** The server refused the session for something this client sent, which it would send again. */
export const CLOSE_BAD_PAYLOAD = 1007;
/** The game failed (an exception in its code): the room is gone. */
export const CLOSE_GAME_FAILED = 1011;
/** The game refused the join (Game.join said no); the reason is for the user. */
export const CLOSE_JOIN_REFUSED = 4000;
/** The game removed the player (kicked); the reason is for the user. */
export const CLOSE_KICKED = 4001;
/**
 * What this client closes with when it gives up on its snapshots and resumes to get a
 * complete one (a private code the server does not use).
 */
export const CLOSE_RESYNC = 4900;

// Codes after which resuming is pointless: the server or the game ended the session on
// purpose, or for something this client sent, which it would send again.
const FINAL_CODES = new Set([1000, 1002, 1003, CLOSE_BAD_PAYLOAD, 1008, 1009, CLOSE_GAME_FAILED, CLOSE_JOIN_REFUSED, CLOSE_KICKED]);

/** Whether a session closed with `code` must not resume. */
export function isFinalClose(code: number): boolean {
  return FINAL_CODES.has(code);
}

/** Whether `code` is one the game closes with (refused, kicked, failed): its reason is for the user. */
export function isGameClose(code: number): boolean {
  return code === CLOSE_JOIN_REFUSED || code === CLOSE_KICKED || code === CLOSE_GAME_FAILED;
}

/**
 * Why the session closed, for people: the server's (or the game's) reason when it gave one,
 * with what the code means for the codes a game closes with.
 */
export function closeReason(code: number, reason: string): string {
  switch (code) {
    case CLOSE_JOIN_REFUSED:
      return reason ? `the game refused to let you in: ${reason}` : "the game refused to let you in";
    case CLOSE_KICKED:
      return reason ? `removed by the game: ${reason}` : "removed by the game";
    case CLOSE_GAME_FAILED:
      return reason ? `the game stopped: ${reason}` : "the game stopped on an error (1011)";
    default:
      return reason || describeClose(code);
  }
}

function describeClose(code: number): string {
  switch (code) {
    case 1000: return "closed by the server";
    case 1001: return "the server is going away";
    case 1006: return "connection dropped";
    case 1007: return "the server rejected a message (1007)";
    case 1008: return "policy violation (1008)";
    case 1009: return "message too big (1009)";
    default: return `closed with code ${code}`;
  }
}

/** `reason` cut to the 123 bytes of UTF-8 a close frame's reason may hold. */
export function clipReason(reason: string): string {
  const encoder = new TextEncoder();
  let out = reason;
  while (encoder.encode(out).length > 123) out = out.slice(0, -1);
  return out;
}
