// The client's copy of the world: applies Snapshot deltas and keeps recent states by tick.
//
// The server diffs each snapshot against the tick this client last acknowledged, which is not
// necessarily the last snapshot received (acks travel while newer snapshots are in flight).
// So every applied state is kept in a ring, and a delta is applied to the state at its
// base_tick. States are immutable and share unchanged rows, so keeping 64 of them is cheap.

import type { Snapshot } from "../gen/tickstream/v1/tickstream_pb.js";

/** One entity at one tick: a row of integer fields (named by Welcome.schema.fields) and a name. */
export interface EntityRow {
  readonly id: number;
  /** Field values in wire units, indexed like Welcome.schema.fields. Never mutated once stored. */
  readonly values: readonly number[];
  /** Display name, "" when the entity has none. */
  readonly name: string;
}

/** The world as the server sent it for one tick. */
export interface WorldState {
  readonly tick: number;
  /** Last Input.seq the server had applied at this tick (0 = none). */
  readonly lastInputSeq: number;
  readonly entities: ReadonlyMap<number, EntityRow>;
}

/** A snapshot that cannot be applied: malformed, or its base is no longer (or never was) here. */
export class SnapshotError extends Error {
  constructor(
    message: string,
    readonly tick: number,
    readonly baseTick: number,
  ) {
    super(`snapshot ${tick} (base ${baseTick}): ${message}`);
    this.name = "SnapshotError";
  }
}

/** The fields of Snapshot that carry world state; the generated message satisfies it. */
export type SnapshotBody = Pick<
  Snapshot,
  "tick" | "baseTick" | "lastInputSeq" | "removed" | "ids" | "masks" | "values" | "nameIds" | "names"
>;

const EMPTY: ReadonlyMap<number, EntityRow> = new Map();

export class WorldMirror {
  private readonly history = new Map<number, WorldState>();
  private latestState: WorldState | undefined;

  /**
   * @param fieldCount number of entity fields (EntitySchema.fieldCount), at most 32
   * @param capacity how many recent states to keep; must cover the ticks between an ack and the
   *   snapshots diffed against it (64 ticks is 3.2 s at 20 Hz)
   * @param rates EntitySchema.rates: per field, the index of the field holding its change per
   *   tick, or -1 (empty: none). Such fields are dead-reckoned from the base before deltas apply.
   */
  constructor(
    readonly fieldCount: number,
    readonly capacity = 64,
    readonly rates: readonly number[] = [],
  ) {
    if (fieldCount < 1 || fieldCount > 32) throw new RangeError(`fieldCount must be 1..32: ${fieldCount}`);
    if (capacity < 2) throw new RangeError(`capacity must be at least 2: ${capacity}`);
    if (rates.length !== 0 && rates.length !== fieldCount) throw new RangeError("rates must have one entry per field");
    rates.forEach((r, f) => {
      if (r < -1 || r >= fieldCount || r === f) throw new RangeError(`bad rate field for field ${f}: ${r}`);
    });
    this.rated = rates.map((r, f) => [f, r] as const).filter(([, r]) => r >= 0);
  }

  /** [field, its rate field] pairs. */
  private readonly rated: ReadonlyArray<readonly [number, number]>;

  /** The base row moved on by its rates over `ticks` (the same row when nothing moves). */
  private advance(row: EntityRow, ticks: number): EntityRow {
    let values: number[] | undefined;
    for (const [f, r] of this.rated) {
      const rate = row.values[r];
      if (rate === 0) continue;
      values ??= [...row.values];
      values[f] = (values[f] + rate * ticks) | 0;
    }
    return values ? { ...row, values } : row;
  }

  /** The most recently applied state, if any. */
  get latest(): WorldState | undefined {
    return this.latestState;
  }

  /** The stored state at `tick`, if it is still in the ring. */
  stateAt(tick: number): WorldState | undefined {
    return this.history.get(tick);
  }

  /** Stored states, oldest tick first. */
  states(): WorldState[] {
    return [...this.history.values()].sort((a, b) => a.tick - b.tick);
  }

  /** Forgets everything (a new session on another server, for example). */
  clear(): void {
    this.history.clear();
    this.latestState = undefined;
  }

  /**
   * Applies a snapshot: takes the state at base_tick (empty when 0), drops `removed`, advances
   * rate fields, applies the rows and names, and stores the result as the state at `tick`. Returns the new state;
   * the caller then acknowledges `tick`. Throws SnapshotError and changes nothing when the
   * snapshot is malformed or its base is not stored.
   */
  apply(snapshot: SnapshotBody): WorldState {
    const { tick, baseTick } = snapshot;
    const fail = (message: string): never => {
      throw new SnapshotError(message, tick, baseTick);
    };
    if (tick === 0) fail("tick 0 is not a tick");
    if (baseTick >= tick) fail("base_tick must be older than tick");
    let base = EMPTY;
    if (baseTick !== 0) {
      const stored = this.history.get(baseTick);
      if (!stored) fail("base tick is not stored");
      base = stored!.entities;
    }
    if (snapshot.masks.length !== snapshot.ids.length) fail("ids and masks differ in length");
    if (snapshot.nameIds.length !== snapshot.names.length) fail("name_ids and names differ in length");

    // Every entity kept from the base first moves by its rates (dead reckoning); the rows
    // below then carry only the difference from that.
    const ticks = tick - baseTick;
    const entities = new Map<number, EntityRow>();
    for (const [key, row] of base) entities.set(key, this.rated.length ? this.advance(row, ticks) : row);
    let id = 0;
    for (const delta of snapshot.removed) {
      id += delta;
      if (!entities.delete(id)) fail(`removed entity ${id} is not in the base`);
    }

    const { ids, masks, values } = snapshot;
    const fullMask = this.fieldCount === 32 ? 0xffffffff : (1 << this.fieldCount) - 1;
    let next = 0;
    id = 0;
    for (let r = 0; r < ids.length; r++) {
      id += ids[r];
      if (r > 0 && ids[r] === 0) fail(`entity ${id} appears twice`);
      const mask = masks[r];
      if ((mask & ~fullMask) !== 0) fail(`entity ${id} sends a field beyond the ${this.fieldCount} known`);
      const old = entities.get(id);
      // A row not in the (base minus removed) state is new: its values are absolute, and the
      // fields it does not send are 0.
      const row = old ? [...old.values] : new Array<number>(this.fieldCount).fill(0);
      for (let f = 0; f < this.fieldCount; f++) {
        if (((mask >>> f) & 1) === 0) continue;
        if (next >= values.length) fail("values end before the masks do");
        // `| 0` keeps int32 wrap-around, as the server computes the delta on ints.
        row[f] = old ? (row[f] + values[next]) | 0 : values[next];
        next++;
      }
      entities.set(id, { id, values: row, name: old?.name ?? "" });
    }
    if (next !== values.length) fail(`${values.length - next} values left over`);

    for (let i = 0; i < snapshot.nameIds.length; i++) {
      const row = entities.get(snapshot.nameIds[i]);
      // A name for an entity not in view is harmless; the next appearance brings it again.
      if (row) entities.set(row.id, { ...row, name: snapshot.names[i] });
    }

    const state: WorldState = { tick, lastInputSeq: snapshot.lastInputSeq, entities };
    this.store(state);
    return state;
  }

  private store(state: WorldState): void {
    // A state not newer than the latest means the server's ticks restarted (a room restored
    // elsewhere, say): the stored ticks from that point on no longer mean anything.
    if (this.latestState && state.tick <= this.latestState.tick && this.history.size > 0) {
      for (const tick of [...this.history.keys()]) if (tick >= state.tick) this.history.delete(tick);
    }
    this.history.set(state.tick, state);
    while (this.history.size > this.capacity) {
      let oldest = Infinity;
      for (const tick of this.history.keys()) oldest = Math.min(oldest, tick);
      this.history.delete(oldest);
    }
    this.latestState = state;
  }
}
