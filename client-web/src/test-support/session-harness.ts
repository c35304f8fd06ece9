// Shared pieces of the Session tests: the football test game's Welcome and snapshots as a
// scripted server sends them.

import type { MessageInitShape } from "@bufbuild/protobuf";
import { Role, SnapshotSchema, WelcomeSchema } from "../gen/tickstream/v1/tickstream_pb.js";
import { welcomeOf } from "./delta-encoder.js";
import { FOOTBALL_SCHEMA } from "./football.js";

export const URL0 = "ws://game.test/ws?token=seat-token";

/** A Welcome of the football room as a ServerMessage. */
export function welcome(role: Role, entityId: number, extra: Omit<MessageInitShape<typeof WelcomeSchema>, "$typeName"> = {}) {
  return { msg: { case: "welcome" as const, value: welcomeOf({ role, entityId, game: "football", schema: FOOTBALL_SCHEMA, ...extra }) } };
}

/** A complete snapshot with one football player at (x, y) map units (position scale 2). */
export function fullSnapshot(tick: number, id: number, x: number, y: number, lastInputSeq = 0, extra: MessageInitShape<typeof SnapshotSchema> = {}) {
  return {
    msg: {
      case: "snapshot" as const,
      value: { tick, baseTick: 0, lastInputSeq, ids: [id], masks: [0b1000111], values: [1, x * 2, y * 2, 5], ...extra }, // kind, x, y, stamina
    },
  };
}

export { Role };
