// A second game for tests, to show that the protocol module is game-neutral: a football game
// with a ball, kick and dash buttons, a "ready" and a "shout" message, and goals and kickoffs
// as events. Its protobuf types are built at run time from a descriptor (no .proto file), the
// way generated code builds them from an embedded one.

import { create, createFileRegistry, type Message } from "@bufbuild/protobuf";
import type { GenMessage } from "@bufbuild/protobuf/codegenv2";
import { FieldDescriptorProto_Type as T, FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import { FieldType, type GameSchema } from "../gen/tickstream/v1/tickstream_pb.js";
import { defineGame } from "../protocol/game.js";
import { gameSchema } from "./delta-encoder.js";

const PACKAGE = "test.football.v1";
const field = (name: string, number: number, type: T) => ({ name, number, type, label: 1 /* optional */ });
const file = create(FileDescriptorProtoSchema, {
  name: "test/football/v1/football.proto",
  package: PACKAGE,
  syntax: "proto3",
  messageType: [
    { name: "FootballInput", field: [field("move_x", 1, T.SINT32), field("move_y", 2, T.SINT32), field("kick", 3, T.BOOL), field("dash", 4, T.BOOL)] },
    { name: "Ready", field: [field("ready", 1, T.BOOL)] },
    { name: "Shout", field: [field("text", 1, T.STRING)] },
    { name: "Goal", field: [field("team", 1, T.UINT32), field("scorer", 2, T.UINT32)] },
    { name: "Kickoff", field: [field("team", 1, T.UINT32)] },
  ],
});
const registry = createFileRegistry(file, () => undefined);
const message = <M extends Message>(name: string) => registry.getMessage(`${PACKAGE}.${name}`) as unknown as GenMessage<M>;

export type FootballInput = Message<"test.football.v1.FootballInput"> & { moveX: number; moveY: number; kick: boolean; dash: boolean };
export type Ready = Message<"test.football.v1.Ready"> & { ready: boolean };
export type Shout = Message<"test.football.v1.Shout"> & { text: string };
export type Goal = Message<"test.football.v1.Goal"> & { team: number; scorer: number };
export type Kickoff = Message<"test.football.v1.Kickoff"> & { team: number };

export const FootballInputSchema = message<FootballInput>("FootballInput");
export const ReadySchema = message<Ready>("Ready");
export const ShoutSchema = message<Shout>("Shout");
export const GoalSchema = message<Goal>("Goal");
export const KickoffSchema = message<Kickoff>("Kickoff");

/** Map units a player runs per tick, and dashes with stamina left. */
export const RUN = 10;
export const DASH = 25;

export const footballGame = defineGame({
  name: "football",
  input: FootballInputSchema,
  // The client's own order; the room's schema decides the wire type numbers.
  messages: { shout: ShoutSchema, ready: ReadySchema },
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

/** The football room's schema as the server would send it: players and a ball. */
export const FOOTBALL_SCHEMA: GameSchema = gameSchema({
  input: `${PACKAGE}.FootballInput`,
  messages: [
    { name: "ready", type: `${PACKAGE}.Ready` },
    { name: "shout", type: `${PACKAGE}.Shout` },
  ],
  events: [
    { name: "kickoff", type: `${PACKAGE}.Kickoff` },
    { name: "goal", type: `${PACKAGE}.Goal` },
    { name: "whistle", type: `${PACKAGE}.Whistle` }, // newer than this client: arrives as bytes
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
