import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { ArenaInputSchema } from "../../gen/games/arena/v1/arena_pb.js";
import { Role } from "../../gen/tickstream/v1/tickstream_pb.js";
import { EntitySchema, Predictor, TickClock, WorldMirror, radiansFromSteps, type Vec2 } from "../../protocol/index.js";
import { encodeDelta, type Table } from "../../test-support/delta-encoder.js";
import { arenaFields } from "./fields.js";
import { arenaFrame, type FrameSource } from "./frame.js";
import { aimFromRadians, moveFromKeys, sanitizeArenaInput } from "./input.js";
import { arenaRules, projectileInFlight, projectilePosition, stepPlayer } from "./rules.js";
import { ARENA_SCHEMA, arenaWelcome, playerRow as player, shotRow as shot } from "./test-fixtures.js";

const SCHEMA = EntitySchema.from(ARENA_SCHEMA);
const F = arenaFields(SCHEMA);
const RULES = arenaRules(arenaWelcome(Role.PLAYER, 1));

describe("arenaFrame", () => {
  function setup(tables: [number, Table][], entityId = 1) {
    const mirror = new WorldMirror(SCHEMA.fieldCount, 64, SCHEMA.rates);
    const clock = new TickClock(20);
    let prev: [number, Table] | undefined;
    for (const [tick, table] of tables) {
      mirror.apply(encodeDelta(tick, prev ? prev[0] : 0, prev?.[1], table, 0, SCHEMA.rates));
      clock.observe(tick, tick * 50); // each tick arrived on time: tick t at t·50 ms
      prev = [tick, table];
    }
    const predictor = new Predictor((p: Vec2, i: { moveX: number; moveY: number }) => stepPlayer(p, i.moveX, i.moveY, RULES));
    const source: FrameSource = { mirror, clock, welcome: arenaWelcome(Role.PLAYER, entityId), schema: SCHEMA, predictor, entityId };
    return { source, predictor };
  }

  it("draws others 100 ms in the past, between stored states", () => {
    const { source } = setup([
      [10, new Map([[2, player(100, 100)]])],
      [11, new Map([[2, player(110, 100)]])],
      [12, new Map([[2, player(120, 100)]])],
    ]);
    // At 12·50 ms the clock's edge is tick 12; 100 ms earlier is tick 10.
    let frame = arenaFrame(source, 600)!;
    expect(frame.tick).toBeCloseTo(10, 5);
    expect(frame.players[0].x).toBeCloseTo(100, 5);
    frame = arenaFrame(source, 625)!;
    expect(frame.players[0].x).toBeCloseTo(105, 5);
    expect(arenaFrame(source, 625, { interpolationDelayMs: 50 })!.players[0].x).toBeCloseTo(115, 5);
  });

  it("draws this client's player at its predicted position, with the aim it gives", () => {
    const { source, predictor } = setup([
      [10, new Map([[1, player(500, 500)]])],
      [11, new Map([[1, player(500, 500)]])],
    ]);
    predictor.reconcile({ x: 500, y: 500 }, { tick: 10, lastInputSeq: 0 }, 0);
    predictor.push({ seq: 1, input: { moveX: 127, moveY: 0 } }, 0);
    const frame = arenaFrame(source, 560, { selfAim: 1.25 })!;
    expect(frame.self).toEqual(expect.objectContaining({ id: 1, x: 510, y: 500, aim: 1.25, self: true }));
  });

  it("flies projectiles by extrapolation: ours on the present clock, others' on the interpolated one", () => {
    const table: Table = new Map([
      [1, player(500, 500)],
      [2, player(900, 900)],
      [3, shot(1, 500, 500, 10, 0)], // ours, along +x
      [4, shot(2, 900, 900, 10, 16384)], // theirs, along +y
    ]);
    const { source } = setup([[10, table], [11, table], [12, table]]);
    const frame = arenaFrame(source, 600)!; // edge: tick 12; interpolated: tick 10
    const ours = frame.projectiles.find((p) => p.id === 3)!;
    const theirs = frame.projectiles.find((p) => p.id === 4)!;
    expect(ours.x).toBeCloseTo(500 + 600 * (2 / 20), 5);
    expect(theirs.y).toBeCloseTo(900, 5);
    expect(theirs.heading).toBeCloseTo(Math.PI / 2, 5);
  });

  it("hides a projectile past its lifetime", () => {
    const table: Table = new Map([[3, shot(2, 500, 500, 1, 0)]]);
    const { source } = setup([[30, table], [31, table]]);
    expect(arenaFrame(source, 31 * 50)!.projectiles).toEqual([]);
  });

  it("has nothing to draw before the first snapshot", () => {
    const { source } = setup([]);
    expect(arenaFrame(source, 1000)).toBeUndefined();
  });
});

describe("projectile flight", () => {
  it("follows (x, y) + speed · (t − spawn) / tickRate along heading", () => {
    const v = shot(1, 100, 200, 40, 8192).values; // 45°
    const p = projectilePosition(v, 50, F, RULES); // 0.5 s: 300 units
    expect(p.x).toBeCloseTo(100 + 300 * Math.SQRT1_2, 6);
    expect(p.y).toBeCloseTo(200 + 300 * Math.SQRT1_2, 6);
    expect(projectileInFlight(v, 39, F, RULES)).toBe(false);
    expect(projectileInFlight(v, 60, F, RULES)).toBe(true);
    expect(projectileInFlight(v, 61, F, RULES)).toBe(false);
  });
});

describe("inputs", () => {
  it("encodes aim as 65536 steps per turn, clockwise on screen", () => {
    expect(aimFromRadians(0)).toBe(0);
    expect(aimFromRadians(Math.PI / 2)).toBe(16384); // +y: down on screen
    expect(aimFromRadians(-Math.PI / 2)).toBe(49152);
    expect(aimFromRadians(2 * Math.PI - 1e-9)).toBe(0);
    expect(radiansFromSteps(64, 256)).toBeCloseTo(Math.PI / 2, 9);
  });

  it("moves full speed per key and leaves diagonals to the server's normalisation", () => {
    expect(moveFromKeys(true, false, false, true)).toEqual({ moveX: 127, moveY: -127 });
    expect(moveFromKeys(true, true, false, false)).toEqual({ moveX: 0, moveY: 0 });
  });

  it("never sends out-of-range values", () => {
    const safe = (init: object) => sanitizeArenaInput(create(ArenaInputSchema, init));
    expect(safe({ moveX: 300, moveY: -1e9, aim: -1, fire: true })).toEqual(create(ArenaInputSchema, { moveX: 127, moveY: -127, aim: 65535, fire: true }));
    expect(safe({ moveX: NaN, moveY: 3.6, aim: NaN })).toEqual(create(ArenaInputSchema, { moveX: 0, moveY: 4, aim: 0, fire: false }));
  });
});
