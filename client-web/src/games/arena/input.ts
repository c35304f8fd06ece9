// The arena's input (ArenaInput: movement, aim, fire) and helpers to build it from keys and
// pointers. The server takes intent, never positions.

import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { ArenaInputSchema, type ArenaInput } from "../../gen/games/arena/v1/arena_pb.js";
import { stepsFromRadians } from "../../protocol/index.js";

/**
 * What the player wants this beat, as the session's `input` option returns it: movement per
 * axis -127..127 (127 = full speed along +axis), aim in 65536 steps per turn (0 = +x, growing
 * towards +y: clockwise on a y-down screen), fire while held. Omitted fields are 0 / false.
 */
export type ArenaIntent = MessageInitShape<typeof ArenaInputSchema>;

/** Clamps and rounds one movement axis into the wire range. */
export function moveAxis(v: number): number {
  if (!Number.isFinite(v)) return 0;
  return Math.max(-127, Math.min(127, Math.round(v)));
}

/** Movement from four direction keys; the server normalises diagonals. */
export function moveFromKeys(up: boolean, down: boolean, left: boolean, right: boolean): { moveX: number; moveY: number } {
  return { moveX: (right ? 127 : 0) - (left ? 127 : 0), moveY: (down ? 127 : 0) - (up ? 127 : 0) };
}

/** Encodes an angle in radians (y down) as 65536 steps per turn. */
export function aimFromRadians(radians: number): number {
  return stepsFromRadians(radians, 65536);
}

/** Makes any input safe to send (the server closes the session on one it refuses): axes in range, aim in 0..65535. */
export function sanitizeArenaInput(input: ArenaInput): ArenaInput {
  return create(ArenaInputSchema, {
    moveX: moveAxis(input.moveX),
    moveY: moveAxis(input.moveY),
    aim: Number.isFinite(input.aim) ? Math.round(input.aim) & 0xffff : 0,
    fire: input.fire === true,
  });
}
