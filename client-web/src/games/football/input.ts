// The football input (FootballInput: stick, kick, dash) and helpers to build it from keys.
// The server takes intent, never positions.

import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { FootballInputSchema, type FootballInput } from "../../gen/games/football/v1/football_pb.js";

/**
 * What the player wants this beat, as the session's `input` option returns it: movement per
 * axis -127..127 (127 = full speed towards +x, right, or +y, down the screen); kick and dash
 * while held (a tap between two beats should be latched until the next one). Omitted: 0 / false.
 */
export type FootballIntent = MessageInitShape<typeof FootballInputSchema>;

/** Clamps and rounds one movement axis into the wire range -127..127 (NaN: 0). */
export function footballAxis(v: number): number {
  if (!Number.isFinite(v)) return 0;
  return Math.max(-127, Math.min(127, Math.round(v)));
}

/** Movement from four direction keys, full stick per key; the server caps diagonals at length 127. */
export function footballMove(up: boolean, down: boolean, left: boolean, right: boolean): { moveX: number; moveY: number } {
  return { moveX: (right ? 127 : 0) - (left ? 127 : 0), moveY: (down ? 127 : 0) - (up ? 127 : 0) };
}

/** Makes any input safe to send (the server closes the session on one it refuses): axes in range, flags boolean. */
export function sanitizeFootballInput(input: FootballInput): FootballInput {
  return create(FootballInputSchema, {
    moveX: footballAxis(input.moveX),
    moveY: footballAxis(input.moveY),
    kick: input.kick === true,
    dash: input.dash === true,
  });
}
