import { describe, expect, it } from "vitest";
import { FieldType } from "../gen/tickstream/v1/tickstream_pb.js";
import { encodeDelta, gameSchema, type Table } from "../test-support/delta-encoder.js";
import { FOOTBALL_SCHEMA } from "../test-support/football.js";
import { WorldMirror } from "./mirror.js";
import { EntitySchema, SchemaError } from "./schema.js";

// kind, x (rate vx), y (rate vy), vx, vy, team (enum), stamina
const schema = EntitySchema.from(FOOTBALL_SCHEMA).as<"kind" | "x" | "y" | "vx" | "vy" | "team" | "stamina">();
const row = { id: 4, name: "kim", values: [1, 300, 500, 2, -1, 1, 40] };

describe("EntitySchema", () => {
  it("looks fields up by name", () => {
    expect(schema.fieldCount).toBe(7);
    expect(schema.indexOf("stamina")).toBe(6);
    expect(schema.indexOf("nope" as "x")).toBe(-1);
    expect(schema.field("team")).toEqual(expect.objectContaining({ index: 5, type: FieldType.FIELD_ENUM, values: ["home", "away"], rate: -1 }));
    expect(schema.field("stamina")).toEqual(expect.objectContaining({ min: 0, max: 100 }));
    expect(schema.missing(["x", "ball_spin"])).toEqual(["ball_spin"]);
  });

  it("reads an entity's fields by name, 0 for a field the schema lacks", () => {
    expect(schema.read(row, "stamina")).toBe(40);
    expect(schema.read(row.values, "y")).toBe(500);
    expect(schema.read(row, "nope" as "x")).toBe(0);
    expect(schema.reader("vx")(row)).toBe(2);
    expect(schema.record(row)).toEqual({ kind: 1, x: 300, y: 500, vx: 2, vy: -1, team: 1, stamina: 40 });
  });

  it("gives the rate index array the mirror dead-reckons with", () => {
    expect(schema.rates).toEqual([-1, 3, 4, -1, -1, -1, -1]);
    const mirror = new WorldMirror(schema.fieldCount, 64, schema.rates);
    const t1: Table = new Map([[4, { values: [...row.values] }]]);
    const t3: Table = new Map([[4, { values: [1, 304, 498, 2, -1, 1, 40] }]]); // moved by its rates only
    mirror.apply(encodeDelta(1, 0, undefined, t1, 0, schema.rates));
    const steady = encodeDelta(3, 1, t1, t3, 0, schema.rates);
    expect(steady.ids).toEqual([]); // steady motion costs nothing
    expect(mirror.apply(steady).entities.get(4)?.values).toEqual(t3.get(4)!.values);
  });

  it("knows kinds by value and by name", () => {
    expect(schema.kindField).toBe(0);
    expect(schema.kindValue("ball")).toBe(2);
    expect(schema.kindValue("referee")).toBe(0);
    expect(schema.kindOf(row)).toEqual({ name: "player", value: 1, fields: [0, 1, 2, 3, 4, 5, 6] });
    expect(schema.isKind({ values: [2, 0, 0, 0, 0, 0, 0] }, "ball")).toBe(true);
    expect(schema.kindOf({ values: [7, 0, 0, 0, 0, 0, 0] })).toBeUndefined();
  });

  it("finds positions and angles for interpolation by type", () => {
    expect([schema.positionX, schema.positionY]).toEqual([1, 2]);
    const angled = EntitySchema.from(gameSchema({ fields: ["x", "y", { name: "facing", type: FieldType.FIELD_ANGLE, bits: 10 }, "lives"] }));
    expect(angled.field("facing")?.steps).toBe(1024);
    expect(angled.interpolation(["lives", "gone"])).toEqual({ linear: [0, 1], angles: [{ field: 2, steps: 1024 }], breaks: [3] });
  });

  it("tells whether two schemas' rows line up", () => {
    expect(schema.sameRows(EntitySchema.from(FOOTBALL_SCHEMA))).toBe(true);
    expect(schema.sameRows(EntitySchema.from(gameSchema({ fields: ["kind", "x", "y"] })))).toBe(false);
    expect(schema.sameRows(undefined)).toBe(false);
  });

  it("refuses a schema it cannot use, saying why", () => {
    expect(() => EntitySchema.from(undefined)).toThrow(SchemaError);
    expect(() => EntitySchema.from(gameSchema({ fields: [] }))).toThrow("no entity fields");
    expect(() => EntitySchema.from(gameSchema({ fields: ["a", "a"] }))).toThrow('field "a" is declared twice');
    expect(() => EntitySchema.from(gameSchema({ fields: [{ name: "x", rate: "vx" }] }))).toThrow('field "x" has rate "vx", which is no other field');
    expect(() => EntitySchema.from(gameSchema({ fields: Array.from({ length: 33 }, (_, i) => `f${i}`) }))).toThrow("33 fields, at most 32");
  });
});
