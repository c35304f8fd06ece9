// The arena's entity fields and kinds, looked up by name in the room's schema (so their order
// can change), and the rules and fields of a room together, built once per Welcome.

import type { Welcome } from "../../gen/tickstream/v1/tickstream_pb.js";
import type { EntitySchema } from "../../protocol/index.js";
import { arenaRules, type ArenaRules } from "./rules.js";

/** The fields the arena declares, in its schema's order. */
export const ARENA_FIELDS = ["kind", "x", "y", "vx", "vy", "aim", "hp", "score", "deaths", "owner", "spawn_tick", "heading"] as const;
export type ArenaFieldName = (typeof ARENA_FIELDS)[number];

/** Index of each arena field in an entity row (-1 when the room does not send it), and the kind values. */
export interface ArenaFields {
  readonly kind: number;
  /** Position, wire units (map units × Welcome.position_scale). */
  readonly x: number;
  readonly y: number;
  /** Player aim, `aimSteps` steps per turn. */
  readonly aim: number;
  readonly hp: number;
  /** Kills. */
  readonly score: number;
  /** Changes on respawn: never interpolate across a change. */
  readonly deaths: number;
  /** A projectile's shooter. */
  readonly owner: number;
  readonly spawnTick: number;
  /** A projectile's direction, `headingSteps` steps per turn. */
  readonly heading: number;
  /** Steps per turn of `aim` and `heading` (from the schema's bits). @default 256 and 65536 */
  readonly aimSteps: number;
  readonly headingSteps: number;
  /** The kind field's values for players and projectiles (0 when the schema lacks the kind). */
  readonly player: number;
  readonly projectile: number;
}

/** Looks the arena's fields and kinds up by name in the room's schema. */
export function arenaFields(schema: EntitySchema): ArenaFields {
  const s = schema.as<ArenaFieldName>();
  const at = (name: ArenaFieldName) => s.indexOf(name);
  return {
    kind: at("kind"),
    x: at("x"),
    y: at("y"),
    aim: at("aim"),
    hp: at("hp"),
    score: at("score"),
    deaths: at("deaths"),
    owner: at("owner"),
    spawnTick: at("spawn_tick"),
    heading: at("heading"),
    aimSteps: s.field("aim")?.steps || 256,
    headingSteps: s.field("heading")?.steps || 65536,
    player: s.kindValue("player"),
    projectile: s.kindValue("projectile"),
  };
}

/** An arena room as the client sees it: its rules, its schema and its fields. */
export interface ArenaContext {
  readonly rules: ArenaRules;
  readonly schema: EntitySchema;
  readonly fields: ArenaFields;
}

const contexts = new WeakMap<Welcome, ArenaContext>();

/** The context of a room, built once per Welcome (cheap to call every frame). */
export function arenaContext(welcome: Welcome, schema: EntitySchema): ArenaContext {
  const known = contexts.get(welcome);
  if (known && known.schema === schema) return known;
  const context = { rules: arenaRules(welcome), schema, fields: arenaFields(schema) };
  contexts.set(welcome, context);
  return context;
}
