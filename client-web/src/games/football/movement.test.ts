// The football predictor against the server's rule: the worked numbers of FootballGame's
// Javadoc, and tables produced by running FootballPhysics itself (java-reference.json).

import { describe, expect, it } from "vitest";
import reference from "./java-reference.json";
import { dashing, frozenAt, stepAlong, stepFootballer, type FootballState, type MatchTimes } from "./movement.js";
import { footballRules, ticksOf } from "./rules.js";
import { FOOTBALL_CONSTANTS } from "./test-fixtures.js";

const welcome = (tickRate = 20) => ({ tickRate, mapWidth: 1200, mapHeight: 800, positionScale: 2, constants: FOOTBALL_CONSTANTS });
const RULES = footballRules(welcome());

/** Our player at (wx, wy) wire units, about to step tick `tick`. */
const at = (wx: number, wy: number, tick = 101, dashTick = 0, match?: MatchTimes): FootballState => ({ x: wx / 2, y: wy / 2, wx, wy, dashTick, tick, match });
const move = (moveX: number, moveY: number, dash = false) => ({ moveX, moveY, dash });

describe("football rules", () => {
  it("derives the wire bounds and the tick counts as FootballPhysics does", () => {
    expect([RULES.minX, RULES.maxX, RULES.minY, RULES.maxY]).toEqual([40, 2360, 40, 1560]);
    expect([RULES.dashTicks, RULES.dashCooldownTicks, RULES.kickoffTicks, RULES.roundTicks]).toEqual([5, 40, 30, 3600]);
    expect(ticksOf(250, 30)).toBe(8); // 7.5 rounds up
    expect(ticksOf(1, 20)).toBe(1);
    expect(ticksOf(0, 20)).toBe(1); // at least one
  });

  it("falls back to the server's defaults for constants a Welcome leaves out", () => {
    const bare = footballRules({ tickRate: 0, mapWidth: 0, mapHeight: 0, positionScale: 0, constants: {} });
    expect(bare).toEqual(RULES);
  });
});

describe("stepAlong", () => {
  it("moves 24 wire units a tick at full stick at 20 Hz, 48 dashing, (16, 16) on the diagonal", () => {
    expect(stepAlong(127, 127, 0, 240, 2, 20)).toBe(24);
    expect(stepAlong(-127, -127, 0, 240, 2, 20)).toBe(-24);
    expect(stepAlong(127, 127, 0, 480, 2, 20)).toBe(48);
    expect([stepAlong(127, 127, 127, 240, 2, 20), stepAlong(127, 127, 127, 240, 2, 20)]).toEqual([16, 16]); // 16.97 truncated
    expect([stepAlong(-127, -127, 127, 240, 2, 20), stepAlong(127, -127, 127, 240, 2, 20)]).toEqual([-16, 16]);
    expect(stepAlong(0, 0, 0, 240, 2, 20)).toBe(0);
  });

  it("truncates towards zero and never returns -0", () => {
    expect(stepAlong(64, 64, 0, 240, 2, 20)).toBe(12); // 24 · 64 / 127 = 12.09
    expect(Object.is(stepAlong(-1, -1, 127, 240, 2, 20), 0)).toBe(true); // -0.19 → 0, not -0
  });

  it("agrees with FootballPhysics.stepAlong on every stick, speed and tick rate of the reference", () => {
    const wrong = reference.stepAlong.filter(([mx, my, speed, rate, sx, sy]) => stepAlong(mx, mx, my, speed, 2, rate) !== sx || stepAlong(my, mx, my, speed, 2, rate) !== sy);
    expect(reference.stepAlong.length).toBeGreaterThan(1000);
    expect(wrong).toEqual([]);
  });
});

describe("stepFootballer", () => {
  it("runs 24 a tick, dashes 48 for dashTicks from the tick the dash starts, then runs again", () => {
    let s = at(1000, 800);
    s = stepFootballer(s, move(127, 0), RULES);
    expect([s.wx, s.wy, s.x, s.tick]).toEqual([1024, 800, 512, 102]);
    s = stepFootballer(s, move(127, 0, true), RULES); // dash starts at tick 102
    expect([s.wx, s.dashTick]).toEqual([1072, 102]);
    for (let t = 103; t <= 106; t++) s = stepFootballer(s, move(127, 0), RULES);
    expect(s.wx).toBe(1072 + 4 * 48); // ticks 103..106 still dash (5 ticks in all)
    s = stepFootballer(s, move(127, 0), RULES);
    expect(s.wx).toBe(1264 + 24); // tick 107: running again
    expect(dashing(102, 106, RULES)).toBe(true);
    expect(dashing(102, 107, RULES)).toBe(false);
  });

  it("starts no dash before the cooldown has passed since the last one began, nor while standing", () => {
    const s = at(1000, 800, 141, 102); // 39 ticks after the last dash
    expect(stepFootballer(s, move(127, 0, true), RULES)).toEqual(expect.objectContaining({ wx: 1024, dashTick: 102 }));
    expect(stepFootballer({ ...s, tick: 142 }, move(127, 0, true), RULES)).toEqual(expect.objectContaining({ wx: 1048, dashTick: 142 }));
    expect(stepFootballer({ ...s, tick: 142 }, move(0, 0, true), RULES)).toEqual(expect.objectContaining({ wx: 1000, dashTick: 102, tick: 143 }));
  });

  it("clamps the centre to a radius from the walls", () => {
    expect(stepFootballer(at(50, 45), move(-127, -127), RULES)).toEqual(expect.objectContaining({ wx: 40, wy: 40, x: 20, y: 20 }));
    expect(stepFootballer(at(2350, 1555), move(127, 127, true), RULES)).toEqual(expect.objectContaining({ wx: 2360, wy: 1560 }));
  });

  it("stands still during a kick-off until phase_end, and moves at phase_end", () => {
    const kickoff: MatchTimes = { phase: "kickoff", phaseEnd: 130, roundEnd: 3730 };
    let s = at(1000, 800, 128, 0, kickoff);
    s = stepFootballer(s, move(127, 0, true), RULES);
    s = stepFootballer(s, move(127, 0, true), RULES);
    expect([s.wx, s.dashTick, s.tick]).toEqual([1000, 0, 130]); // ticks 128, 129: frozen, no dash either
    s = stepFootballer(s, move(127, 0, true), RULES);
    expect([s.wx, s.dashTick]).toEqual([1048, 130]); // tick 130: play, and the dash starts
  });

  it("knows which ticks the match freezes", () => {
    const kickoff: MatchTimes = { phase: "kickoff", phaseEnd: 130, roundEnd: 3730 };
    expect([129, 130].map((t) => frozenAt(kickoff, t, RULES))).toEqual([true, false]);
    expect(frozenAt({ ...kickoff, roundEnd: 129 }, 129, RULES)).toBe(false); // the round ran out first
    const goal: MatchTimes = { phase: "goal", phaseEnd: 200, roundEnd: 3730 };
    expect([199, 200, 229, 230].map((t) => frozenAt(goal, t, RULES))).toEqual([false, true, true, false]);
    const over: MatchTimes = { phase: "over", phaseEnd: 4000, roundEnd: 3730 };
    expect([3999, 4000, 4030].map((t) => frozenAt(over, t, RULES))).toEqual([false, true, false]);
    for (const phase of ["warmup", "play"]) expect(frozenAt({ phase, phaseEnd: 0, roundEnd: 0 }, 5, RULES)).toBe(false);
    expect(frozenAt(undefined, 5, RULES)).toBe(false);
  });

  it("repeats FootballPhysics.movePlayer tick by tick: runs, dashes, cooldowns and walls", () => {
    let s = at(300, 200, 101);
    const wrong: string[] = [];
    for (const [tick, mx, my, dash, x, y, dashTick] of reference.run as [number, number, number, boolean, number, number, number][]) {
      expect(s.tick).toBe(tick);
      s = stepFootballer(s, move(mx, my, dash), RULES);
      if (s.wx !== x || s.wy !== y || s.dashTick !== dashTick) wrong.push(`tick ${tick}: (${s.wx}, ${s.wy}, ${s.dashTick}), server (${x}, ${y}, ${dashTick})`);
    }
    expect(wrong).toEqual([]);
  });
});
