// What a football renderer gets: the frame (players interpolated or predicted, the ball
// carried on by its rate, the match), the round clock, and the announcements of events.

import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { GoalSchema, KickoffSchema, RoundOverSchema } from "../../gen/games/football/v1/football_pb.js";
import { Role } from "../../gen/tickstream/v1/tickstream_pb.js";
import { EntitySchema, TickClock, WorldMirror, type Vec2 } from "../../protocol/index.js";
import { encodeDelta, type Table } from "../../test-support/delta-encoder.js";
import { announce, feedLine } from "./announcements.js";
import { footballFrame } from "./frame.js";
import { roundClock, type MatchView } from "./match.js";
import { footballRules } from "./rules.js";
import { footballSchema, footballWelcome, row } from "./test-fixtures.js";

const SCHEMA = EntitySchema.from(footballSchema());

function setup(tables: [number, Table][], predicted?: Vec2 & { dashTick: number }) {
  const mirror = new WorldMirror(SCHEMA.fieldCount, 64, SCHEMA.rates);
  const clock = new TickClock(20);
  let prev: [number, Table] | undefined;
  for (const [tick, table] of tables) {
    mirror.apply(encodeDelta(tick, prev ? prev[0] : 0, prev?.[1], table, 0, SCHEMA.rates));
    clock.observe(tick, tick * 50); // each tick arrived on time: tick t at t·50 ms
    prev = [tick, table];
  }
  const predictor = { renderPosition: () => predicted, position: predicted };
  return { mirror, clock, welcome: footballWelcome(Role.PLAYER, 7), schema: SCHEMA, predictor, entityId: 7 };
}

const match = (values = {}) => ({ values: row("match", { phase: 2, round_end: 4000, round: 1, team_size: 1, score_red: 1, ...values }) });
const ball = (x: number, y: number, vx = 0, vy = 0) => ({ values: row("ball", { x, y, vx, vy }) });
const player = (x: number, y: number, team = 0, extra = {}) => ({ values: row("player", { x, y, team, facing: 64, ...extra }), name: "p" });

describe("footballFrame", () => {
  it("draws others 100 ms in the past, ours where the prediction is, and reads the match", () => {
    const source = setup(
      [10, 11, 12].map((t): [number, Table] => [t, new Map([[1, match()], [2, ball(1200, 800)], [7, player(1000, 800)], [8, player(1400 + 20 * (t - 10), 800, 1, { dash_tick: 9 })]])]),
      { x: 600, y: 410, dashTick: 11 },
    );
    const frame = footballFrame(source, 625)!; // edge 12.5, shown at 10.5
    expect(frame.tick).toBeCloseTo(10.5, 5);
    const other = frame.players.find((p) => p.id === 8)!;
    expect(other).toEqual(expect.objectContaining({ x: 705, y: 400, team: "blue", self: false, dashing: true }));
    expect(other.facing).toBeCloseTo(Math.PI / 2, 6);
    expect(frame.self).toEqual(expect.objectContaining({ id: 7, x: 600, y: 410, team: "red", self: true, dashing: true }));
    expect(frame.ball).toEqual({ id: 2, x: 600, y: 400 });
    expect(frame.match).toEqual(expect.objectContaining({ scoreRed: 1, scoreBlue: 0, phase: "play", roundEnd: 4000 }));
    expect(frame.edgeTick).toBeCloseTo(12.5, 5);
  });

  it("rolls the ball on by its rate past the newest snapshot, for a few ticks at most", () => {
    const source = setup([[10, new Map([[2, ball(1000, 800, 10, -4)]])], [11, new Map([[2, ball(1010, 796, 10, -4)]])]]);
    expect(footballFrame(source, 11 * 50 + 100)!.ball).toEqual({ id: 2, x: 505, y: 398 }); // shown at 11: the newest
    expect(footballFrame(source, 11 * 50 + 150)!.ball).toEqual({ id: 2, x: 510, y: 396 }); // one tick on
    expect(footballFrame(source, 11 * 50 + 5000)!.ball).toEqual({ id: 2, x: 520, y: 392 }); // three at most
  });

  it("has nothing to draw before the first snapshot", () => {
    expect(footballFrame(setup([]), 1000)).toBeUndefined();
  });
});

describe("roundClock", () => {
  const rules = footballRules({ tickRate: 20, mapWidth: 1200, mapHeight: 800, positionScale: 2, constants: {} });
  const m = (phase: string, phaseEnd: number, roundEnd: number): MatchView => ({ scoreRed: 0, scoreBlue: 0, phase, phaseEnd, roundEnd, kickoffTeam: "red", round: 1, teamSize: 1 });

  it("shows the round's time left in m:ss, at most a full round", () => {
    expect(roundClock(m("play", 0, 4000), 4000 - 20 * 61 - 0.5, rules)).toEqual({ label: "1:02", secondsLeft: 62, detail: "" });
    expect(roundClock(m("play", 0, 4000), 3999.9, rules).label).toBe("0:01");
    expect(roundClock(m("play", 0, 4000), 4005, rules).label).toBe("0:00");
    expect(roundClock(m("kickoff", 130, 3730), 100, rules)).toEqual({ label: "3:00", secondsLeft: 180, detail: "kick-off in 2" });
  });

  it("says what the match waits for outside play", () => {
    expect(roundClock(m("warmup", 0, 0), 50, rules)).toEqual({ label: "warm-up", secondsLeft: undefined, detail: "waiting for a player on each team" });
    expect(roundClock(m("over", 4120, 4000), 4000, rules)).toEqual({ label: "full time", secondsLeft: 0, detail: "next round in 6" });
  });
});

describe("announcements", () => {
  const names = (id: number) => (id === 7 ? "ann" : "");

  it("announce goals with the scorer and the score, and put them in the feed", () => {
    const goal = create(GoalSchema, { team: "red", scorer: 7, scoreRed: 2, scoreBlue: 1 });
    expect(announce({ name: "goal", message: goal }, names)).toEqual({ title: "GOAL!", detail: "ann scores for Red · Red 2 – 1 Blue", team: "red", durationMs: 2500 });
    expect(feedLine({ name: "goal", message: goal }, names)).toBe("goal: ann · Red 2 – 1 Blue");
    const own = create(GoalSchema, { team: "blue", scorer: 7, ownGoal: true, scoreBlue: 1 });
    expect(announce({ name: "goal", message: own }, names).detail).toBe("Own goal by ann: Blue scores · Red 0 – 1 Blue");
    const nobody = create(GoalSchema, { team: "blue", scoreBlue: 1 });
    expect(announce({ name: "goal", message: nobody }, names).detail).toBe("Blue scores · Red 0 – 1 Blue");
    expect(feedLine({ name: "goal", message: nobody }, names)).toBe("goal: Blue · Red 0 – 1 Blue");
  });

  it("announce kick-offs and the end of a round", () => {
    const kickoff = create(KickoffSchema, { team: "blue", round: 2, playTick: 130 });
    expect(announce({ name: "kickoff", message: kickoff }, names)).toEqual({ title: "Kick-off", detail: "Round 2 · Blue kicks off", team: "blue", durationMs: 1500 });
    expect(feedLine({ name: "kickoff", message: kickoff }, names)).toBeUndefined();
    const won = create(RoundOverSchema, { winner: "red", scoreRed: 3, scoreBlue: 1, round: 1 });
    expect(announce({ name: "round_over", message: won }, names)).toEqual(expect.objectContaining({ title: "Red wins round 1", team: "red" }));
    const draw = create(RoundOverSchema, { winner: "draw", scoreRed: 1, scoreBlue: 1, round: 1 });
    expect(announce({ name: "round_over", message: draw }, names)).toEqual(expect.objectContaining({ title: "Draw", detail: "Red 1 – 1 Blue · next round soon", team: undefined }));
  });
});
