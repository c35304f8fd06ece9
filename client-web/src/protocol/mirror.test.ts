import { create, fromBinary, toBinary, type MessageInitShape } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { SnapshotSchema } from "../gen/tickstream/v1/tickstream_pb.js";
import { encodeDelta, type Table } from "../test-support/delta-encoder.js";
import { SnapshotError, WorldMirror, type WorldState } from "./mirror.js";

// kind, x, y, aim, hp, score, deaths, owner, spawn_tick, heading
const FIELDS = 10;
const [X, Y, AIM, HP] = [1, 2, 3, 4];

/** A Snapshot built with the generated code and sent through the wire format and back. */
function snapshot(init: MessageInitShape<typeof SnapshotSchema>) {
  return fromBinary(SnapshotSchema, toBinary(SnapshotSchema, create(SnapshotSchema, init)));
}

function values(state: WorldState, id: number): readonly number[] {
  const row = state.entities.get(id);
  if (!row) throw new Error(`entity ${id} missing at tick ${state.tick}`);
  return row.values;
}

function asTable(state: WorldState): Table {
  return new Map([...state.entities].map(([id, row]) => [id, { values: [...row.values], name: row.name || undefined }]));
}

describe("WorldMirror", () => {
  it("builds a complete snapshot from empty with absolute values, unsent fields zero", () => {
    const mirror = new WorldMirror(FIELDS);
    const state = mirror.apply(
      snapshot({
        tick: 7,
        baseTick: 0,
        ids: [3, 2], // ids 3 and 5
        masks: [0b11111, 0b00111],
        values: [1, 2000, 4000, 64, 100, 1, -7000, 8],
        nameIds: [3, 5],
        names: ["ann", "bob"],
      }),
    );
    expect(state.tick).toBe(7);
    expect([...state.entities.keys()]).toEqual([3, 5]);
    expect(values(state, 3)).toEqual([1, 2000, 4000, 64, 100, 0, 0, 0, 0, 0]);
    expect(values(state, 5)).toEqual([1, -7000, 8, 0, 0, 0, 0, 0, 0, 0]);
    expect(state.entities.get(3)!.name).toBe("ann");
    expect(mirror.stateAt(7)).toBe(state);
    expect(mirror.latest).toBe(state);
  });

  it("adds field deltas to the base, leaving unsent fields as they were", () => {
    const mirror = new WorldMirror(FIELDS);
    mirror.apply(snapshot({ tick: 1, ids: [4], masks: [0b11111], values: [1, 100, 200, 10, 100] }));
    const state = mirror.apply(snapshot({ tick: 2, baseTick: 1, ids: [4], masks: [(1 << X) | (1 << Y) | (1 << HP)], values: [4, -6, -10] }));
    expect(values(state, 4)).toEqual([1, 104, 194, 10, 90, 0, 0, 0, 0, 0]);
  });

  it("applies a delta against an older acknowledged tick, not the latest one", () => {
    const mirror = new WorldMirror(FIELDS);
    mirror.apply(snapshot({ tick: 10, ids: [1], masks: [0b111], values: [1, 100, 100] }));
    const t11 = mirror.apply(snapshot({ tick: 11, baseTick: 10, ids: [1], masks: [1 << X], values: [5] }));
    // The server had not seen our ack of 11 yet, so tick 12 is diffed against 10.
    const t12 = mirror.apply(snapshot({ tick: 12, baseTick: 10, ids: [1], masks: [1 << X], values: [9] }));
    expect(values(t12, 1)[X]).toBe(109);
    expect(values(t11, 1)[X]).toBe(105); // stored states never change
    expect(values(mirror.stateAt(10)!, 1)[X]).toBe(100);
    expect(mirror.latest).toBe(t12);
  });

  it("drops removed entities, difference-coded like ids", () => {
    const mirror = new WorldMirror(FIELDS);
    mirror.apply(snapshot({ tick: 1, ids: [3, 4, 2], masks: [1, 1, 1], values: [1, 1, 2] })); // 3, 7, 9
    const state = mirror.apply(snapshot({ tick: 2, baseTick: 1, removed: [3, 4] })); // 3 and 7
    expect([...state.entities.keys()]).toEqual([9]);
    expect([...mirror.stateAt(1)!.entities.keys()].sort()).toEqual([3, 7, 9]);
  });

  it("takes absolute values for an entity new since the base, even in a delta", () => {
    const mirror = new WorldMirror(FIELDS);
    mirror.apply(snapshot({ tick: 1, ids: [1], masks: [0b111], values: [1, 50, 60] }));
    mirror.apply(snapshot({ tick: 2, baseTick: 1, removed: [1] }));
    // Entity 1 is back relative to base 2, and 8 is new: both rows carry absolute values.
    const state = mirror.apply(snapshot({ tick: 3, baseTick: 2, ids: [1, 7], masks: [0b111, 0b111], values: [1, 300, 400, 2, 10, 20] }));
    expect(values(state, 1).slice(0, 3)).toEqual([1, 300, 400]);
    expect(values(state, 8).slice(0, 3)).toEqual([2, 10, 20]);
  });

  it("sets, changes and clears names, and keeps names across value deltas", () => {
    const mirror = new WorldMirror(FIELDS);
    mirror.apply(snapshot({ tick: 1, ids: [1, 1], masks: [1, 1], values: [1, 1], nameIds: [1], names: ["ann"] }));
    let state = mirror.apply(snapshot({ tick: 2, baseTick: 1, ids: [1], masks: [1 << X], values: [3] }));
    expect(state.entities.get(1)!.name).toBe("ann");
    expect(state.entities.get(2)!.name).toBe("");
    state = mirror.apply(snapshot({ tick: 3, baseTick: 2, nameIds: [1, 2, 99], names: ["anna", "bo", "ghost"] }));
    expect(state.entities.get(1)!.name).toBe("anna");
    expect(state.entities.get(2)!.name).toBe("bo");
    expect(state.entities.has(99)).toBe(false); // a name for an entity not in view changes nothing
    state = mirror.apply(snapshot({ tick: 4, baseTick: 3, nameIds: [1], names: [""] }));
    expect(state.entities.get(1)!.name).toBe("");
  });

  it("wraps field arithmetic at 32 bits like the server's ints", () => {
    const mirror = new WorldMirror(FIELDS);
    mirror.apply(snapshot({ tick: 1, ids: [1], masks: [1 << AIM], values: [2147483647] }));
    const state = mirror.apply(snapshot({ tick: 2, baseTick: 1, ids: [1], masks: [1 << AIM], values: [1] }));
    expect(values(state, 1)[AIM]).toBe(-2147483648);
  });

  it("refuses a snapshot whose base it does not hold, and stores nothing", () => {
    const mirror = new WorldMirror(FIELDS);
    mirror.apply(snapshot({ tick: 1, ids: [1], masks: [1], values: [1] }));
    expect(() => mirror.apply(snapshot({ tick: 3, baseTick: 2, ids: [1], masks: [2], values: [1] }))).toThrow(SnapshotError);
    expect(mirror.stateAt(3)).toBeUndefined();
    expect(mirror.latest!.tick).toBe(1);
    // The next snapshot against a held base applies normally.
    expect(values(mirror.apply(snapshot({ tick: 4, baseTick: 1, ids: [1], masks: [2], values: [1] })), 1)[X]).toBe(1);
  });

  it.each([
    ["too few values", { tick: 2, baseTick: 1, ids: [1], masks: [0b11], values: [1] }],
    ["values left over", { tick: 2, baseTick: 1, ids: [1], masks: [0b1], values: [1, 2] }],
    ["masks and ids differ", { tick: 2, baseTick: 1, ids: [1, 1], masks: [0b1], values: [1] }],
    ["a field beyond the known ones", { tick: 2, baseTick: 1, ids: [1], masks: [1 << FIELDS], values: [1] }],
    ["removal of an unknown entity", { tick: 2, baseTick: 1, removed: [5] }],
    ["an id twice", { tick: 2, baseTick: 1, ids: [1, 0], masks: [1, 1], values: [1, 1] }],
    ["base not older than tick", { tick: 1, baseTick: 1 }],
    ["names and name ids differ", { tick: 2, baseTick: 1, nameIds: [1], names: [] }],
  ])("rejects a malformed snapshot: %s", (_, init) => {
    const mirror = new WorldMirror(FIELDS);
    const base = mirror.apply(snapshot({ tick: 1, ids: [1], masks: [0b111], values: [1, 10, 10] }));
    expect(() => mirror.apply(snapshot(init))).toThrow(SnapshotError);
    expect(mirror.latest).toBe(base);
    expect(mirror.stateAt(2)).toBeUndefined();
  });

  it("keeps the newest `capacity` states, oldest first", () => {
    const mirror = new WorldMirror(FIELDS, 4);
    mirror.apply(snapshot({ tick: 1, ids: [1], masks: [1], values: [1] }));
    for (let t = 2; t <= 9; t++) mirror.apply(snapshot({ tick: t, baseTick: t - 1, ids: [1], masks: [1 << X], values: [1] }));
    expect(mirror.states().map((s) => s.tick)).toEqual([6, 7, 8, 9]);
    expect(values(mirror.latest!, 1)[X]).toBe(8);
  });

  it("forgets ticks at and after a restarted clock (a complete snapshot from an earlier tick)", () => {
    const mirror = new WorldMirror(FIELDS);
    mirror.apply(snapshot({ tick: 100, ids: [1], masks: [1], values: [1] }));
    mirror.apply(snapshot({ tick: 101, baseTick: 100, ids: [1], masks: [2], values: [1] }));
    mirror.apply(snapshot({ tick: 5, ids: [2], masks: [1], values: [1] }));
    expect(mirror.states().map((s) => s.tick)).toEqual([5]);
  });

  it("rebuilds the server's world exactly over random ticks, with acks that lag", () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const int = (n: number) => Math.floor(random() * n);
    const server = new Map<number, Table>(); // what the server sent at each tick
    const mirror = new WorldMirror(FIELDS, 64);
    let world: Table = new Map();
    let nextId = 1;
    let acked = 0;
    for (let tick = 1; tick <= 300; tick++) {
      world = new Map([...world].map(([id, row]) => [id, { values: [...row.values], name: row.name }]));
      for (const [id, row] of world) {
        if (random() < 0.05) world.delete(id);
        else if (random() < 0.6) {
          row.values[X] += int(21) - 10;
          row.values[Y] += int(21) - 10;
          if (random() < 0.1) row.values[HP] = int(101);
          if (random() < 0.02) row.name = `p${int(1000)}`;
        }
      }
      while (world.size < 12 && random() < 0.5) {
        world.set(nextId++, { values: [1 + int(2), int(8000), int(8000), int(256), 100, 0, 0, 0, tick, int(65536)], name: random() < 0.5 ? `n${nextId}` : undefined });
      }
      server.set(tick, world);
      // The server diffs against the last tick it saw acked (sometimes none yet).
      const base = acked && random() < 0.9 ? acked : 0;
      const state = mirror.apply(encodeDelta(tick, base, base ? server.get(base) : undefined, world));
      expect(asTable(state)).toEqual(new Map([...world].map(([id, r]) => [id, { values: r.values, name: r.name || undefined }])));
      // Acks reach the server late and not for every tick.
      if (random() < 0.5) acked = Math.max(acked, tick - int(5));
      if (acked > 0 && !mirror.stateAt(acked)) acked = tick;
    }
  });
});

describe("SnapshotError", () => {
  it("names the tick and base", () => {
    const error = new SnapshotError("base tick is not stored", 9, 4);
    expect(error.message).toBe("snapshot 9 (base 4): base tick is not stored");
    expect([error.tick, error.baseTick]).toEqual([9, 4]);
  });

  it("dead-reckons rate fields: steady motion costs nothing and an older base still works", () => {
    // kind, x, y, vx, vy: x moves by vx per tick, y by vy.
    const rates = [-1, 3, 4, -1, -1];
    const mirror = new WorldMirror(5, 64, rates);
    const t1: Table = new Map([[7, { values: [1, 100, 200, 4, -2] }], [9, { values: [1, 50, 50, 0, 0] }]]);
    mirror.apply(encodeDelta(1, 0, undefined, t1, 0, rates));
    // Ticks 2..5: entity 7 keeps moving, entity 9 turns at tick 4.
    const states: Table[] = [t1];
    for (let tick = 2; tick <= 5; tick++) {
      const prev = states[states.length - 1];
      const next: Table = new Map();
      for (const [id, row] of prev) {
        const v = [...row.values];
        if (id === 9 && tick === 4) [v[3], v[4]] = [3, 3];
        v[1] += v[3];
        v[2] += v[4];
        next.set(id, { values: v });
      }
      states.push(next);
    }
    const steady = encodeDelta(3, 1, states[0], states[2], 0, rates);
    expect(steady.ids).toEqual([]); // nothing but the dead-reckoned move happened
    const s3 = mirror.apply(steady);
    expect(values(s3, 7)).toEqual([1, 108, 196, 4, -2]);
    // Tick 5 against the acked tick 1 (four ticks back), after entity 9's turn.
    const s5 = mirror.apply(encodeDelta(5, 1, states[0], states[4], 0, rates));
    expect(values(s5, 7)).toEqual(states[4].get(7)!.values);
    expect(values(s5, 9)).toEqual(states[4].get(9)!.values);
  });
});
