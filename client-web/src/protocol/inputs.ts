// Player intent and its wire encoding. The server takes intent, never positions.

/** What the player wants this beat; read by the session at the input rate. */
export interface Intent {
  /** Desired movement per axis, -127..127 (127 = full speed along +axis). */
  readonly moveX: number;
  readonly moveY: number;
  /** Aim, 65536 steps per turn, 0 = +x, growing towards +y (clockwise on a y-down screen). */
  readonly aim: number;
  readonly fire: boolean;
}

export const IDLE: Intent = { moveX: 0, moveY: 0, aim: 0, fire: false };

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
  if (!Number.isFinite(radians)) return 0;
  const turn = radians / (2 * Math.PI);
  return Math.round((turn - Math.floor(turn)) * 65536) & 0xffff;
}

/** Decodes an angle of `steps` steps per turn (256 in snapshots, 65536 in inputs) to radians. */
export function radiansFromSteps(value: number, steps: number): number {
  return (value * 2 * Math.PI) / steps;
}

/** Makes any intent safe to send: axes in range, aim in 0..65535. */
export function sanitizeIntent(intent: Intent): Intent {
  return {
    moveX: moveAxis(intent.moveX),
    moveY: moveAxis(intent.moveY),
    aim: Number.isFinite(intent.aim) ? Math.round(intent.aim) & 0xffff : 0,
    fire: intent.fire === true,
  };
}
