// The football game's rule constants as Welcome announces them (FootballRules.java names
// them), and what a client derives from them once per room: a player's bounds on the wire
// grid and the durations in whole ticks, exactly as FootballPhysics and FootballMatch do.

import type { Welcome } from "../../gen/tickstream/v1/tickstream_pb.js";

/** What the client needs of the football rules; built from Welcome (see footballRules). */
export interface FootballRules {
  /** Ticks per second (Welcome.tick_rate). @default 20 */
  readonly tickRate: number;
  /** Field size in map units. @default 1200 × 800 */
  readonly mapWidth: number;
  readonly mapHeight: number;
  /** Wire units per map unit. @default 2 */
  readonly positionScale: number;
  /** Width of a goal mouth, map units, centred on the left and right walls. @default 240 */
  readonly goalWidth: number;
  /** Map units. @default 20 and 12 */
  readonly playerRadius: number;
  readonly ballRadius: number;
  /** Map units per second at full stick, running and dashing. @default 240 and 480 */
  readonly playerSpeed: number;
  readonly dashSpeed: number;
  /** Milliseconds. @default 250, 2000 and 300 */
  readonly dashMs: number;
  readonly dashCooldownMs: number;
  readonly kickCooldownMs: number;
  /** Gap between player and ball edges within which a kick reaches, map units. @default 10 */
  readonly kickReach: number;
  /** Milliseconds: a round's clock, a kick-off's wait, the pause after a goal and after a round. */
  readonly roundMs: number;
  readonly kickoffMs: number;
  readonly goalMs: number;
  readonly overMs: number;
  /** Bounds of a player's centre in wire units: ceil(radius · scale) and floor((size − radius) · scale). */
  readonly minX: number;
  readonly maxX: number;
  readonly minY: number;
  readonly maxY: number;
  /** The durations in ticks at tickRate (see ticksOf). */
  readonly dashTicks: number;
  readonly dashCooldownTicks: number;
  readonly kickoffTicks: number;
  readonly roundTicks: number;
}

/** FootballRules.defaults() on the server, used only for constants a Welcome leaves out. */
const DEFAULTS = {
  goalWidth: 240,
  playerRadius: 20,
  ballRadius: 12,
  playerSpeed: 240,
  dashSpeed: 480,
  dashMs: 250,
  dashCooldownMs: 2000,
  kickCooldownMs: 300,
  kickReach: 10,
  roundMs: 180_000,
  kickoffMs: 1500,
  goalMs: 2500,
  overMs: 6000,
};

/** `ms` in whole ticks at `tickRate`, as the server counts them: ceil(ms · tickRate / 1000), at least 1. */
export function ticksOf(ms: number, tickRate: number): number {
  return Math.max(1, Math.floor((ms * tickRate + 999) / 1000));
}

/** The rules announced in Welcome (tick rate, field, scale, constants), with the server's defaults for missing ones. */
export function footballRules(welcome: Pick<Welcome, "tickRate" | "mapWidth" | "mapHeight" | "positionScale" | "constants">): FootballRules {
  const c = (name: keyof typeof DEFAULTS) => welcome.constants[name] ?? DEFAULTS[name];
  const tickRate = welcome.tickRate || 20;
  const mapWidth = welcome.mapWidth || 1200;
  const mapHeight = welcome.mapHeight || 800;
  const scale = welcome.positionScale || 2;
  const playerRadius = c("playerRadius");
  return {
    tickRate,
    mapWidth,
    mapHeight,
    positionScale: scale,
    goalWidth: c("goalWidth"),
    playerRadius,
    ballRadius: c("ballRadius"),
    playerSpeed: c("playerSpeed"),
    dashSpeed: c("dashSpeed"),
    dashMs: c("dashMs"),
    dashCooldownMs: c("dashCooldownMs"),
    kickCooldownMs: c("kickCooldownMs"),
    kickReach: c("kickReach"),
    roundMs: c("roundMs"),
    kickoffMs: c("kickoffMs"),
    goalMs: c("goalMs"),
    overMs: c("overMs"),
    // Exactly FootballPhysics' bounds: (double) radius * scale, then ceil or floor.
    minX: Math.ceil(playerRadius * scale),
    maxX: Math.floor((mapWidth - playerRadius) * scale),
    minY: Math.ceil(playerRadius * scale),
    maxY: Math.floor((mapHeight - playerRadius) * scale),
    dashTicks: ticksOf(c("dashMs"), tickRate),
    dashCooldownTicks: ticksOf(c("dashCooldownMs"), tickRate),
    kickoffTicks: ticksOf(c("kickoffMs"), tickRate),
    roundTicks: ticksOf(c("roundMs"), tickRate),
  };
}
