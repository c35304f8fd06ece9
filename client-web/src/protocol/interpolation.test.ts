import { describe, expect, it } from "vitest";
import { interpolate, lerpAngle, type InterpolationOptions } from "./interpolation.js";
import type { EntityRow, WorldState } from "./mirror.js";
import { TickClock } from "./clock.js";

// Fields: kind, x, y, aim, deaths
const OPTIONS: InterpolationOptions = { linear: [1, 2], angles: [{ field: 3, steps: 256 }], breaks: [4] };

function state(tick: number, rows: [id: number, x: number, y: number, aim?: number, deaths?: number][]): WorldState {
  const entities = new Map<number, EntityRow>(rows.map(([id, x, y, aim = 0, deaths = 0]) => [id, { id, values: [1, x, y, aim, deaths], name: `e${id}` }]));
  return { tick, lastInputSeq: 0, entities };
}

const at = (frame: ReturnType<typeof interpolate>, id: number) => frame!.entities.find((e) => e.id === id)?.values;

describe("interpolate", () => {
  const states = [state(10, [[1, 0, 0]]), state(11, [[1, 100, 50]]), state(13, [[1, 300, 50]])];

  it("blends positions between the two states around the tick", () => {
    expect(at(interpolate(states, 10.5, OPTIONS), 1)!.slice(1, 3)).toEqual([50, 25]);
    expect(at(interpolate(states, 10.25, OPTIONS), 1)!.slice(1, 3)).toEqual([25, 12.5]);
  });

  it("spans a gap of skipped ticks by time, not by state count", () => {
    // Ticks 11 and 13 are stored, 12 was skipped: tick 12 is halfway.
    expect(at(interpolate(states, 12, OPTIONS), 1)![1]).toBe(200);
  });

  it("shows a stored state exactly at its tick", () => {
    const frame = interpolate(states, 11, OPTIONS)!;
    expect(frame.tick).toBe(11);
    expect(at(frame, 1)![1]).toBe(100);
  });

  it("holds the newest state and reports an underrun past it", () => {
    const frame = interpolate(states, 14.5, OPTIONS)!;
    expect(frame.underrun).toBe(true);
    expect(frame.tick).toBe(13);
    expect(at(frame, 1)![1]).toBe(300);
    expect(interpolate(states, 13, OPTIONS)!.underrun).toBe(false);
  });

  it("shows the oldest state before it", () => {
    expect(at(interpolate(states, 3, OPTIONS), 1)![1]).toBe(0);
  });

  it("shows an entity new in the newer state as it is there", () => {
    const s = [state(1, [[1, 0, 0]]), state(2, [[1, 10, 0], [2, 500, 500]])];
    const frame = interpolate(s, 1.5, OPTIONS)!;
    expect(at(frame, 2)!.slice(1, 3)).toEqual([500, 500]);
    expect(at(frame, 1)![1]).toBe(5);
  });

  it("drops an entity gone from the newer state", () => {
    const s = [state(1, [[1, 0, 0], [2, 5, 5]]), state(2, [[1, 10, 0]])];
    expect(at(interpolate(s, 1.5, OPTIONS), 2)).toBeUndefined();
  });

  it("never blends across a respawn (deaths changed): it snaps to the new place", () => {
    const s = [state(1, [[1, 100, 100, 0, 0]]), state(2, [[1, 3000, 3000, 0, 1]])];
    expect(at(interpolate(s, 1.1, OPTIONS), 1)!.slice(1, 3)).toEqual([3000, 3000]);
  });

  it("turns aim the short way round", () => {
    const s = [state(1, [[1, 0, 0, 250]]), state(2, [[1, 0, 0, 6]])];
    expect(at(interpolate(s, 1.5, OPTIONS), 1)![3]).toBeCloseTo(0, 5);
  });

  it("returns nothing without states", () => {
    expect(interpolate([], 5, OPTIONS)).toBeUndefined();
  });
});

describe("lerpAngle", () => {
  it("stays in [0, steps) and takes the short way", () => {
    expect(lerpAngle(10, 20, 0.5, 256)).toBe(15);
    expect(lerpAngle(240, 16, 0.5, 256)).toBe(0);
    expect(lerpAngle(16, 240, 0.25, 256)).toBe(8);
    expect(lerpAngle(0, 128, 1, 256)).toBe(128);
  });
});

describe("TickClock", () => {
  it("takes the earliest arrival as the edge and ignores late (jittered) ones", () => {
    const clock = new TickClock(20);
    clock.observe(100, 10_000); // tick 100 arrived at 10 s
    clock.observe(101, 10_090); // 40 ms late
    clock.observe(102, 10_100); // on time
    expect(clock.tickAt(10_100)).toBeCloseTo(102, 0);
    expect(clock.tickAt(10_125)).toBeCloseTo(102.5, 0);
  });

  it("moves earlier at once when a snapshot arrives earlier than expected", () => {
    const clock = new TickClock(20);
    clock.observe(100, 10_080);
    clock.observe(101, 10_050);
    expect(clock.tickAt(10_050)).toBeCloseTo(101, 5);
  });

  it("follows a server running slow, gradually", () => {
    const clock = new TickClock(20);
    for (let t = 0; t < 2000; t++) clock.observe(t, t * 51); // ticks 51 ms apart, not 50
    const expected = 1999;
    expect(Math.abs(clock.tickAt(1999 * 51)! - expected)).toBeLessThan(3);
  });

  it("resets after a long pause instead of crawling", () => {
    const clock = new TickClock(20);
    clock.observe(100, 10_000);
    clock.observe(101, 15_000); // the room moved, or the server stalled for 5 s
    expect(clock.tickAt(15_000)).toBeCloseTo(101, 5);
  });

  it("knows nothing before the first snapshot", () => {
    expect(new TickClock(20).tickAt(123)).toBeUndefined();
  });
});
