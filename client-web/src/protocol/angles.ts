// Angles on the wire are a fraction of a full turn in 2^bits steps (FIELD_ANGLE): 0 points
// along +x and angles grow towards +y (clockwise on a y-down screen).

/** An angle of `steps` steps per turn (e.g. 256, or SchemaField.steps) in radians. */
export function radiansFromSteps(value: number, steps: number): number {
  return (value * 2 * Math.PI) / steps;
}

/** An angle in radians as a whole number of `steps` steps per turn, in [0, steps); 0 for NaN. */
export function stepsFromRadians(radians: number, steps: number): number {
  if (!Number.isFinite(radians)) return 0;
  const turn = radians / (2 * Math.PI);
  return Math.round((turn - Math.floor(turn)) * steps) % steps;
}
