// A TypeScript twin of the server's DeltaEncoder (sync/DeltaEncoder.java), for tests only:
// it turns two plain world tables into a Snapshot exactly as the proto describes, so tests
// can check that applying the snapshot to the base rebuilds the current table.

import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { SnapshotSchema, type Snapshot } from "../gen/tickstream/v1/tickstream_pb.js";

/** id -> { values, name } */
export type Table = Map<number, { values: number[]; name?: string }>;

export function encodeDelta(
  tick: number,
  baseTick: number,
  base: Table | undefined,
  current: Table,
  lastInputSeq = 0,
  rates: readonly number[] = [],
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
  const message = create(SnapshotSchema, { tick, baseTick, lastInputSeq, removed, ids, masks, values, nameIds, names });
  // Through the wire and back, so zigzag and packing are exercised as in real use.
  return fromBinary(SnapshotSchema, toBinary(SnapshotSchema, message));
}
