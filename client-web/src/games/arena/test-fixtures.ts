// The arena room as tests see it: its schema and Welcome as the server sends them, and rows
// in that schema's order. For tests only.

import { FieldType, type Role } from "../../gen/tickstream/v1/tickstream_pb.js";
import { gameSchema, welcomeOf } from "../../test-support/delta-encoder.js";

const A = "tickstream.arena.v1";

/** The arena's Welcome.schema (as ArenaGame.SCHEMA declares it). */
export const ARENA_SCHEMA = gameSchema({
  input: `${A}.ArenaInput`,
  messages: [{ name: "chat", type: `${A}.Chat` }],
  events: [
    { name: "chat", type: `${A}.ChatLine` },
    { name: "kill", type: `${A}.Kill` },
    { name: "hit", type: `${A}.Hit` },
  ],
  kinds: [
    { name: "player", fields: ["x", "y", "vx", "vy", "aim", "hp", "score", "deaths"] },
    { name: "projectile", fields: ["x", "y", "owner", "spawn_tick", "heading"] },
  ],
  fields: [
    "kind",
    { name: "x", rate: "vx" },
    { name: "y", rate: "vy" },
    { name: "vx", min: -(1 << 16), max: 1 << 16 },
    { name: "vy", min: -(1 << 16), max: 1 << 16 },
    { name: "aim", type: FieldType.FIELD_ANGLE, bits: 8 },
    { name: "hp", max: 1 << 20 },
    { name: "score", max: 2 ** 31 - 1 },
    { name: "deaths", max: 2 ** 31 - 1 },
    { name: "owner", type: FieldType.FIELD_ENTITY },
    { name: "spawn_tick", type: FieldType.FIELD_TICK },
    { name: "heading", type: FieldType.FIELD_ANGLE, bits: 16 },
  ],
});

/** An arena Welcome (20 Hz, 4000 × 4000, scale 2, the reference rules). */
export function arenaWelcome(role: Role, entityId: number) {
  const constants = { playerSpeed: 200, playerRadius: 20, maxHp: 100, projectileSpeed: 600, projectileLifetimeMs: 1000 };
  return welcomeOf({ role, entityId, game: "arena", schema: ARENA_SCHEMA, constants });
}

/** A player row in wire units (position given in map units, scale 2): aim 64/256, 100 hp, 3 kills. */
export const playerRow = (x: number, y: number, deaths = 0) => ({ values: [1, x * 2, y * 2, 0, 0, 64, 100, 3, deaths, 0, 0, 0], name: "p" });

/** A projectile row: spawned at (x, y) map units at `spawnTick`, heading in 65536 steps. */
export const shotRow = (owner: number, x: number, y: number, spawnTick: number, heading: number) => ({
  values: [2, x * 2, y * 2, 0, 0, 0, 0, 0, 0, owner, spawnTick, heading],
});
