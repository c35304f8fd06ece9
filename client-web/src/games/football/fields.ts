// The football entity fields and kinds, looked up by name in the room's schema (never by
// index: the server's order decides), and a room's rules, schema and fields together.

import type { Welcome } from "../../gen/tickstream/v1/tickstream_pb.js";
import type { EntitySchema, FieldSource } from "../../protocol/index.js";
import { footballRules, type FootballRules } from "./rules.js";

/** The fields the football game declares (FootballGame.SCHEMA), in its order today. */
export const FOOTBALL_FIELDS = [
  "kind", "x", "y", "vx", "vy", "vel_x", "vel_y", "facing", "team", "dash_tick", "kick_tick", "goals", "touch",
  "score_red", "score_blue", "phase", "phase_end", "round_end", "kickoff_team", "round", "team_size", "next_id",
] as const;
export type FootballFieldName = (typeof FOOTBALL_FIELDS)[number];

/** The fields the client cannot draw or predict without. */
export const REQUIRED_FIELDS: readonly FootballFieldName[] = ["kind", "x", "y", "team", "phase"];

/** Team names by the `team` enum's value (red = 0, blue = 1 unless the schema says otherwise). */
export type TeamName = "red" | "blue" | (string & {});
/** Match phases by the `phase` enum's value: warmup, kickoff, play, goal, over. */
export type PhaseName = "warmup" | "kickoff" | "play" | "goal" | "over" | (string & {});

/** Index of each field in a row (-1 when the room does not send it), kind values and enum names. */
export interface FootballFields {
  /** Index of every football field by name; -1 for one the schema lacks. */
  readonly index: Readonly<Record<FootballFieldName, number>>;
  /** Kind values (0 when the schema lacks the kind). */
  readonly player: number;
  readonly ball: number;
  readonly match: number;
  /** Names of the `team` and `kickoff_team` values, and of the `phase` values. */
  readonly teams: readonly string[];
  readonly phases: readonly string[];
  /** Steps per turn of `facing`. @default 256 */
  readonly facingSteps: number;
}

/** Looks the football fields, kinds and enum names up by name in the room's schema. */
export function footballFields(schema: EntitySchema): FootballFields {
  const s = schema.as<FootballFieldName>();
  const index = Object.fromEntries(FOOTBALL_FIELDS.map((name) => [name, s.indexOf(name)])) as Record<FootballFieldName, number>;
  const values = (name: FootballFieldName, fallback: string[]) => {
    const v = s.field(name)?.values ?? [];
    return v.length > 0 ? v : fallback;
  };
  return {
    index,
    player: s.kindValue("player"),
    ball: s.kindValue("ball"),
    match: s.kindValue("match"),
    teams: values("team", ["red", "blue"]),
    phases: values("phase", ["warmup", "kickoff", "play", "goal", "over"]),
    facingSteps: s.field("facing")?.steps || 256,
  };
}

/** Reads field `name` of a row (wire units, or an enum's value); 0 when the room lacks the field. */
export function readField(f: FootballFields, row: FieldSource, name: FootballFieldName): number {
  const i = f.index[name];
  const values = Array.isArray(row) ? row : (row as { readonly values: readonly number[] }).values;
  return i >= 0 ? (values[i] ?? 0) : 0;
}

/** The kind of a row: "player", "ball", "match", or undefined for anything else. */
export function kindOf(f: FootballFields, row: FieldSource): "player" | "ball" | "match" | undefined {
  const kind = readField(f, row, "kind");
  if (kind === 0) return undefined;
  return kind === f.player ? "player" : kind === f.ball ? "ball" : kind === f.match ? "match" : undefined;
}

/** A football room as the client sees it: its rules, its schema and its fields. */
export interface FootballContext {
  readonly rules: FootballRules;
  readonly schema: EntitySchema;
  readonly fields: FootballFields;
}

const contexts = new WeakMap<Welcome, FootballContext>();

/** The context of a room, built once per Welcome (cheap to call every frame). */
export function footballContext(welcome: Welcome, schema: EntitySchema): FootballContext {
  const known = contexts.get(welcome);
  if (known && known.schema === schema) return known;
  const context = { rules: footballRules(welcome), schema, fields: footballFields(schema) };
  contexts.set(welcome, context);
  return context;
}
