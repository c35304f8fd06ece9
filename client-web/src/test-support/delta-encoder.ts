// A TypeScript twin of the server's DeltaEncoder (sync/DeltaEncoder.java), for tests only:
// it turns two plain world tables into a Snapshot exactly as the proto describes, so tests
// can check that applying the snapshot to the base rebuilds the current table. Also builds
// the Welcome (with its GameSchema) that goes with such snapshots.

import { create, fromBinary, toBinary, type MessageInitShape } from "@bufbuild/protobuf";
import {
  FieldType,
  GameSchemaSchema,
  Role,
  SnapshotSchema,
  WelcomeSchema,
  type GameSchema,
  type Snapshot,
  type Welcome,
} from "../gen/tickstream/v1/tickstream_pb.js";

/** id -> { values, name } */
export type Table = Map<number, { values: number[]; name?: string }>;

export function encodeDelta(
  tick: number,
  baseTick: number,
  base: Table | undefined,
  current: Table,
  lastInputSeq = 0,
  rates: readonly number[] = [],
  events: MessageInitShape<typeof SnapshotSchema>["events"] = [],
): Snapshot {
  const removed: number[] = [];
  const ids: number[] = [];
  const masks: number[] = [];
  const values: number[] = [];
  const nameIds: number[] = [];
  const names: string[] = [];
  let prevRemoved = 0;
  for (const id of [...(base?.keys() ?? [])].sort((a, b) => a - b)) {
    if (!current.has(id)) {
      removed.push(id - prevRemoved);
      prevRemoved = id;
    }
  }
  let prevId = 0;
  for (const id of [...current.keys()].sort((a, b) => a - b)) {
    const row = current.get(id)!;
    const old = base?.get(id);
    let mask = 0;
    const rowValues: number[] = [];
    row.values.forEach((v, f) => {
      // A rated field is sent against its dead-reckoned value at this tick.
      const rate = rates.length && rates[f] >= 0 && old ? old.values[rates[f]] * (tick - baseTick) : 0;
      const delta = (v - (old ? (old.values[f] + rate) | 0 : 0)) | 0;
      if (delta !== 0) {
        mask |= 1 << f;
        rowValues.push(delta);
      }
    });
    if (!old || mask !== 0) {
      ids.push(id - prevId);
      masks.push(mask >>> 0);
      values.push(...rowValues);
      prevId = id;
    }
    const nameChanged = old ? (old.name ?? "") !== (row.name ?? "") : row.name !== undefined;
    if (nameChanged) {
      nameIds.push(id);
      names.push(row.name ?? "");
    }
  }
  const message = create(SnapshotSchema, { tick, baseTick, lastInputSeq, removed, ids, masks, values, nameIds, names, events });
  // Through the wire and back, so zigzag and packing are exercised as in real use.
  return fromBinary(SnapshotSchema, toBinary(SnapshotSchema, message));
}

/** A field for `gameSchema`: its name, or its spec (type FIELD_INT unless said). */
export type FieldInit =
  | string
  | { name: string; type?: FieldType; rate?: string; bits?: number; min?: number; max?: number; values?: string[] };

/** What `gameSchema` takes: kinds name their fields by name. */
export interface GameSchemaInit {
  input?: string;
  messages?: { name: string; type?: string }[];
  events?: { name: string; type?: string }[];
  kinds?: { name: string; fields: string[] }[];
  fields: FieldInit[];
}

/**
 * A GameSchema for tests, through the wire and back. Fields named "x" and "y" are positions
 * and "kind" the kind field unless their spec says otherwise.
 */
export function gameSchema(init: GameSchemaInit): GameSchema {
  const fields = init.fields.map((f) => {
    const spec = typeof f === "string" ? { name: f } : f;
    const byName = spec.name === "x" ? FieldType.FIELD_POSITION_X : spec.name === "y" ? FieldType.FIELD_POSITION_Y : spec.name === "kind" ? FieldType.FIELD_KIND : FieldType.FIELD_INT;
    return { type: byName, ...spec };
  });
  const names = fields.map((f) => f.name);
  const kinds = (init.kinds ?? []).map((k) => ({ name: k.name, fields: k.fields.map((f) => names.indexOf(f)) }));
  const message = create(GameSchemaSchema, { input: init.input, messages: init.messages, events: init.events, kinds, fields });
  return fromBinary(GameSchemaSchema, toBinary(GameSchemaSchema, message));
}

/** A Welcome for tests (20 Hz, 4000 × 4000, scale 2, resumable), through the wire and back. */
export function welcomeOf(init: MessageInitShape<typeof WelcomeSchema>): Welcome {
  const message = create(WelcomeSchema, {
    protocolVersion: 1, roomId: "r1", role: Role.PLAYER, tickRate: 20, sendRate: 20, mapWidth: 4000, mapHeight: 4000,
    positionScale: 2, tick: 99, resumeToken: "resume-1", resumeGraceMs: 5000, ...init,
  });
  return fromBinary(WelcomeSchema, toBinary(WelcomeSchema, message));
}
