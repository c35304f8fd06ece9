import { describe, expect, it } from "vitest";
import { stepPlayer, type ArenaRules } from "./rules.js";

const RULES: ArenaRules = {
  tickRate: 20,
  mapWidth: 4000,
  mapHeight: 4000,
  positionScale: 2,
  playerSpeed: 200,
  playerRadius: 20,
  maxHp: 100,
  projectileSpeed: 600,
  projectileLifetimeMs: 1000,
};

describe("stepPlayer", () => {
  it("moves speed / tickRate per tick at full stick", () => {
    expect(stepPlayer({ x: 100, y: 100 }, 127, 0, RULES)).toEqual({ x: 110, y: 100 });
    expect(stepPlayer({ x: 100, y: 100 }, 0, -127, RULES)).toEqual({ x: 100, y: 90 });
  });

  it("does not move faster diagonally, and snaps to the 1/scale grid", () => {
    // 10 / sqrt(2) = 7.07 per axis, on a half-unit grid: 7.
    expect(stepPlayer({ x: 100, y: 100 }, 127, 127, RULES)).toEqual({ x: 107, y: 107 });
    expect(stepPlayer({ x: 100, y: 100 }, -127, 127, RULES)).toEqual({ x: 93, y: 107 });
  });

  it("scales speed with a partial stick", () => {
    // 10 * 64 / 127 = 5.04, snapped to 5.
    expect(stepPlayer({ x: 100, y: 100 }, 64, 0, RULES)).toEqual({ x: 105, y: 100 });
    // Length 127 * sqrt(2) / 2 = 89.8 → 10 * 0.707 = 7.07 along the diagonal → 5 per axis.
    expect(stepPlayer({ x: 100, y: 100 }, 64, 64, RULES).x).toBeCloseTo(105, 5);
  });

  it("keeps the player's centre a radius away from the walls", () => {
    expect(stepPlayer({ x: 25, y: 3985 }, -127, 127, RULES)).toEqual({ x: 20, y: 3980 });
    expect(stepPlayer({ x: 3975, y: 20 }, 127, -127, RULES)).toEqual({ x: 3980, y: 20 });
  });

  it("stands still without a stick", () => {
    expect(stepPlayer({ x: 33.5, y: 40 }, 0, 0, RULES)).toEqual({ x: 33.5, y: 40 });
  });
});
