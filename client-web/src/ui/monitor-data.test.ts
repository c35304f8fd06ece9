import { describe, expect, it } from "vitest";
import { interestingMetrics, OutRate, parsePrometheus, parseRooms, roomGameLabel } from "./monitor-data.js";

describe("parseRooms", () => {
  it("reads each room's game and options, tolerating a server that sends neither", () => {
    const [football, old] = parseRooms([
      { roomId: "r1", game: "football", options: { mode: "1v1", n: 3 }, players: 2, tickMs: { p50: 0.1 } },
      { roomId: "r2", players: "many" },
    ]);
    expect(football).toEqual(expect.objectContaining({ roomId: "r1", game: "football", options: { mode: "1v1" }, players: 2, tickMs: { p50: 0.1, p99: undefined } }));
    expect(old).toEqual(expect.objectContaining({ roomId: "r2", game: undefined, options: {}, players: 0 }));
    expect(roomGameLabel(football)).toBe("football (mode 1v1)");
    expect(roomGameLabel(old)).toBe("–");
    expect(() => parseRooms({})).toThrow("not a list");
  });
});

describe("parsePrometheus", () => {
  it("reads samples with and without labels, skipping comments", () => {
    const text = [
      "# HELP tickstream_rooms Rooms open",
      "# TYPE tickstream_rooms gauge",
      "tickstream_rooms 3",
      'tickstream_tick_seconds{room="r1",quantile="0.99"} 0.0012 1700000000',
      "process_cpu_usage 0.25",
      "jvm_buffer_count{id=\"direct\"} 12",
      "garbage line",
      "",
    ].join("\n");
    const samples = parsePrometheus(text);
    expect(samples).toEqual([
      { name: "tickstream_rooms", labels: "", value: 3 },
      { name: "tickstream_tick_seconds", labels: '{room="r1",quantile="0.99"}', value: 0.0012 },
      { name: "process_cpu_usage", labels: "", value: 0.25 },
      { name: "jvm_buffer_count", labels: '{id="direct"}', value: 12 },
    ]);
    expect(interestingMetrics(samples).map((s) => s.name)).toEqual(["tickstream_rooms", "tickstream_tick_seconds", "process_cpu_usage"]);
  });
});

describe("OutRate", () => {
  const room = (roomId: string, extra: object) => ({
    roomId, players: 1, spectators: 0, maxPlayers: 16, tick: 1, tickRate: 20, tickMs: {}, latenessMs: {}, ...extra,
  });

  it("takes the server's rate when it gives one", () => {
    expect(new OutRate().of([room("a", { bytesOutPerS: 1234 })], 0).get("a")).toBe(1234);
  });

  it("derives a rate from the running total between two polls", () => {
    const rate = new OutRate();
    expect(rate.of([room("a", { bytesOut: 1000 })], 0).get("a")).toBeUndefined();
    expect(rate.of([room("a", { bytesOut: 4000 })], 2000).get("a")).toBe(1500);
    // A room that restarted its count (reopened) shows no rate rather than a negative one.
    expect(rate.of([room("a", { bytesOut: 10 })], 3000).get("a")).toBeUndefined();
  });
});
