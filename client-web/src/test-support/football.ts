// A second game for the protocol's tests, to show that the protocol module is game-neutral: a
// small football with the real football messages (tickstream.football.v1: FootballInput,
// SwitchTeam, Goal, Kickoff, generated from proto/games/football) but rules of its own that
// are easy to follow in a test (a fixed run, a dash that costs stamina), and one more message
// ("shout") that the real game does not have, built at run time from a descriptor the way
// generated code builds types from an embedded one. The real client is src/games/football;
// the protocol's tests do not depend on it.

import { create, createFileRegistry, type Message } from "@bufbuild/protobuf";
import type { GenMessage } from "@bufbuild/protobuf/codegenv2";
import { FieldDescriptorProto_Type as T, FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import { FootballInputSchema, GoalSchema, KickoffSchema, SwitchTeamSchema } from "../gen/games/football/v1/football_pb.js";
import { FieldType, type GameSchema } from "../gen/tickstream/v1/tickstream_pb.js";
import { defineGame } from "../protocol/game.js";
import { gameSchema } from "./delta-encoder.js";

export { FootballInputSchema, GoalSchema, KickoffSchema, SwitchTeamSchema };

const FOOTBALL = "tickstream.football.v1";
const TEST = "test.football.v1";
const file = create(FileDescriptorProtoSchema, {
  name: "test/football/v1/shout.proto",
  package: TEST,
  syntax: "proto3",
  messageType: [{ name: "Shout", field: [{ name: "text", number: 1, type: T.STRING, label: 1 /* optional */ }] }],
});
const registry = createFileRegistry(file, () => undefined);

export type Shout = Message<"test.football.v1.Shout"> & { text: string };
export const ShoutSchema = registry.getMessage(`${TEST}.Shout`) as unknown as GenMessage<Shout>;

/** Map units a player runs per tick, and dashes with stamina left. */
export const RUN = 10;
export const DASH = 25;

export const footballGame = defineGame({
  name: "football",
  input: FootballInputSchema,
  // The client's own order; the room's schema decides the wire type numbers.
  messages: { shout: ShoutSchema, switch_team: SwitchTeamSchema },
  events: { goal: GoalSchema, kickoff: KickoffSchema },
  prediction: ({ welcome, schema }) => {
    const s = schema.as<"x" | "y" | "stamina">();
    const scale = welcome.positionScale || 1;
    return {
      state: (row) => ({ x: s.read(row, "x") / scale, y: s.read(row, "y") / scale, stamina: s.read(row, "stamina") }),
      step: (state, input) => {
        const dash = input.dash && state.stamina > 0;
        const speed = dash ? DASH : RUN;
        return { x: state.x + Math.sign(input.moveX) * speed, y: state.y + Math.sign(input.moveY) * speed, stamina: state.stamina - (dash ? 1 : 0) };
      },
      teleported: (before, after) => s.read(before, "x") !== s.read(after, "x") && s.read(after, "x") === 0,
    };
  },
});

/** The test football room's schema as the server would send it: players and a ball. */
export const FOOTBALL_SCHEMA: GameSchema = gameSchema({
  input: `${FOOTBALL}.FootballInput`,
  messages: [
    { name: "switch_team", type: `${FOOTBALL}.SwitchTeam` },
    { name: "shout", type: `${TEST}.Shout` },
  ],
  events: [
    { name: "kickoff", type: `${FOOTBALL}.Kickoff` },
    { name: "goal", type: `${FOOTBALL}.Goal` },
    { name: "whistle", type: `${TEST}.Whistle` }, // newer than this client: arrives as bytes
  ],
  kinds: [
    { name: "player", fields: ["kind", "x", "y", "vx", "vy", "team", "stamina"] },
    { name: "ball", fields: ["kind", "x", "y", "vx", "vy"] },
  ],
  fields: [
    "kind",
    { name: "x", rate: "vx" },
    { name: "y", rate: "vy" },
    "vx",
    "vy",
    { name: "team", type: FieldType.FIELD_ENUM, values: ["home", "away"] },
    { name: "stamina", min: 0, max: 100 },
  ],
});
