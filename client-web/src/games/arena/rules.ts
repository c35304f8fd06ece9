// The arena's rule constants, and the two pieces of its logic a client must repeat exactly as
// the server runs them: one tick of player movement (for prediction) and a projectile's
// flight (for extrapolation).

import type { Welcome } from "../../gen/tickstream/v1/tickstream_pb.js";
import type { Vec2 } from "../../protocol/index.js";

/** The field indexes a projectile's flight is read from (ArenaFields has them all). */
export interface ProjectileFields {
  readonly x: number;
  readonly y: number;
  readonly spawnTick: number;
  readonly heading: number;
  /** Steps per turn of `heading`. */
  readonly headingSteps: number;
}

/** What the client needs of the arena's rules; built from Welcome (see arenaRules). */
export interface ArenaRules {
  /** Ticks per second (Welcome.tick_rate). */
  readonly tickRate: number;
  /** Map size in map units. */
  readonly mapWidth: number;
  readonly mapHeight: number;
  /** Wire units per map unit; positions are snapped to this grid every tick. */
  readonly positionScale: number;
  /** Units per second at full stick. */
  readonly playerSpeed: number;
  /** A player's centre stays this far from the walls (map units). */
  readonly playerRadius: number;
  readonly maxHp: number;
  /** Units per second. */
  readonly projectileSpeed: number;
  readonly projectileLifetimeMs: number;
}

// The reference workload (described in docs/BENCHMARKS.md), used only when Welcome leaves a
// constant out.
const DEFAULTS = {
  playerSpeed: 200,
  playerRadius: 20,
  maxHp: 100,
  projectileSpeed: 600,
  projectileLifetimeMs: 1000,
};

/** The rules announced in Welcome, with the reference workload's values for missing ones. */
export function arenaRules(welcome: Pick<Welcome, "tickRate" | "mapWidth" | "mapHeight" | "positionScale" | "constants">): ArenaRules {
  const c = (name: keyof typeof DEFAULTS) => welcome.constants[name] ?? DEFAULTS[name];
  return {
    tickRate: welcome.tickRate || 20,
    mapWidth: welcome.mapWidth || 4000,
    mapHeight: welcome.mapHeight || 4000,
    positionScale: welcome.positionScale || 1,
    playerSpeed: c("playerSpeed"),
    playerRadius: c("playerRadius"),
    maxHp: c("maxHp"),
    projectileSpeed: c("projectileSpeed"),
    projectileLifetimeMs: c("projectileLifetimeMs"),
  };
}

/**
 * One tick of a player's movement, exactly as the server steps it: the stick (-127..127 per
 * axis) is scaled down to length 127 if longer, so diagonals are not faster; the player moves
 * speed * min(1, length / 127) / tickRate along it, is clamped to [radius, size - radius] and
 * snapped to the 1/positionScale grid.
 */
export function stepPlayer(pos: Vec2, moveX: number, moveY: number, rules: ArenaRules): Vec2 {
  const length = Math.hypot(moveX, moveY);
  let x = pos.x;
  let y = pos.y;
  if (length > 0) {
    const distance = (rules.playerSpeed * Math.min(1, length / 127)) / rules.tickRate;
    x += (moveX / length) * distance;
    y += (moveY / length) * distance;
  }
  const r = rules.playerRadius;
  x = Math.min(Math.max(x, r), rules.mapWidth - r);
  y = Math.min(Math.max(y, r), rules.mapHeight - r);
  return { x: snap(x, rules.positionScale), y: snap(y, rules.positionScale) };
}

/** Rounds to the wire grid, as the server quantizes positions. */
export function snap(v: number, scale: number): number {
  return Math.round(v * scale) / scale;
}

/**
 * Where a projectile is at `tick` (may be fractional, for smooth rendering): a projectile row
 * never changes, so its position is its spawn point plus speed * elapsed time along heading.
 */
export function projectilePosition(values: readonly number[], tick: number, f: ProjectileFields, rules: ArenaRules): Vec2 {
  const elapsed = (tick - values[f.spawnTick]) / rules.tickRate;
  const angle = (values[f.heading] * 2 * Math.PI) / f.headingSteps;
  const distance = rules.projectileSpeed * elapsed;
  return {
    x: values[f.x] / rules.positionScale + distance * Math.cos(angle),
    y: values[f.y] / rules.positionScale + distance * Math.sin(angle),
  };
}

/** Whether a projectile is in flight at `tick` (the server removes it after its lifetime). */
export function projectileInFlight(values: readonly number[], tick: number, f: Pick<ProjectileFields, "spawnTick">, rules: ArenaRules): boolean {
  const elapsedMs = ((tick - values[f.spawnTick]) * 1000) / rules.tickRate;
  return elapsedMs >= 0 && elapsedMs <= rules.projectileLifetimeMs;
}
