// The football room as tests see it: its schema and Welcome as the server sends them
// (FootballGame.SCHEMA and spec()), and rows built by field name. For tests only.

import { FieldType, type GameSchema, type Role } from "../../gen/tickstream/v1/tickstream_pb.js";
import { gameSchema, welcomeOf } from "../../test-support/delta-encoder.js";
import { FOOTBALL_FIELDS, type FootballFieldName } from "./fields.js";

const F = "tickstream.football.v1";
const BIG = 2 ** 31 - 1;

/** Welcome.schema of a football room, in the server's field order. */
export function footballSchema(order: readonly FootballFieldName[] = FOOTBALL_FIELDS): GameSchema {
  const specs: Record<FootballFieldName, Parameters<typeof gameSchema>[0]["fields"][number]> = {
    kind: "kind",
    x: { name: "x", rate: order.includes("vx") ? "vx" : undefined },
    y: { name: "y", rate: order.includes("vy") ? "vy" : undefined },
    vx: { name: "vx", min: -(1 << 16), max: 1 << 16 },
    vy: { name: "vy", min: -(1 << 16), max: 1 << 16 },
    vel_x: { name: "vel_x", min: -(1 << 24), max: 1 << 24 },
    vel_y: { name: "vel_y", min: -(1 << 24), max: 1 << 24 },
    facing: { name: "facing", type: FieldType.FIELD_ANGLE, bits: 8 },
    team: { name: "team", type: FieldType.FIELD_ENUM, values: ["red", "blue"] },
    dash_tick: { name: "dash_tick", type: FieldType.FIELD_TICK },
    kick_tick: { name: "kick_tick", type: FieldType.FIELD_TICK },
    goals: { name: "goals", max: BIG },
    touch: { name: "touch", type: FieldType.FIELD_ENTITY },
    score_red: { name: "score_red", max: BIG },
    score_blue: { name: "score_blue", max: BIG },
    phase: { name: "phase", type: FieldType.FIELD_ENUM, values: ["warmup", "kickoff", "play", "goal", "over"] },
    phase_end: { name: "phase_end", type: FieldType.FIELD_TICK },
    round_end: { name: "round_end", type: FieldType.FIELD_TICK },
    kickoff_team: { name: "kickoff_team", type: FieldType.FIELD_ENUM, values: ["red", "blue"] },
    round: { name: "round", max: BIG },
    team_size: { name: "team_size", max: 3 },
    next_id: { name: "next_id", max: BIG },
  };
  const kind = (name: string, fields: FootballFieldName[]) => ({ name, fields: fields.filter((f) => order.includes(f)) });
  return gameSchema({
    input: `${F}.FootballInput`,
    messages: [{ name: "switch_team", type: `${F}.SwitchTeam` }],
    events: [
      { name: "goal", type: `${F}.Goal` },
      { name: "kickoff", type: `${F}.Kickoff` },
      { name: "round_over", type: `${F}.RoundOver` },
      { name: "kick", type: `${F}.Kick` },
    ],
    kinds: [
      kind("player", ["kind", "x", "y", "vx", "vy", "facing", "team", "dash_tick", "kick_tick", "goals"]),
      kind("ball", ["kind", "x", "y", "vx", "vy", "vel_x", "vel_y", "touch"]),
      kind("match", ["kind", "score_red", "score_blue", "phase", "phase_end", "round_end", "kickoff_team", "round", "team_size", "next_id"]),
    ],
    fields: order.map((name) => specs[name]),
  });
}

/** FootballGame.spec()'s constants (FootballRules.defaults()). */
export const FOOTBALL_CONSTANTS = {
  playerSpeed: 240, dashSpeed: 480, dashMs: 250, dashCooldownMs: 2000, playerRadius: 20, ballRadius: 12,
  goalWidth: 240, kickSpeed: 800, kickReach: 10, kickCooldownMs: 300, ballFriction: 0.4, ballStopSpeed: 5,
  wallBounce: 0.8, playerBounce: 0.5, roundMs: 180_000, kickoffMs: 1500, goalMs: 2500, overMs: 6000,
};

/** A football Welcome: 20 Hz, 1200 × 800, scale 2, the default rules. */
export function footballWelcome(role: Role, entityId: number, schema: GameSchema = footballSchema()) {
  return welcomeOf({ role, entityId, game: "football", schema, mapWidth: 1200, mapHeight: 800, positionScale: 2, constants: FOOTBALL_CONSTANTS });
}

/** Kind values in the fixtures' schema. */
export const KIND = { player: 1, ball: 2, match: 3 } as const;

/**
 * A row in `order` from fields by name (wire units and enum values); unnamed fields are 0.
 * `kind` is the kind's name.
 */
export function row(kind: keyof typeof KIND, values: Partial<Record<FootballFieldName, number>>, order: readonly FootballFieldName[] = FOOTBALL_FIELDS): number[] {
  return order.map((name) => (name === "kind" ? KIND[kind] : (values[name] ?? 0)));
}
