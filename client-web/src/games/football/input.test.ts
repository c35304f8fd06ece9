import { create, fromBinary } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { FootballInputSchema, FootballJoinSchema } from "../../gen/games/football/v1/football_pb.js";
import { footballMove, sanitizeFootballInput } from "./input.js";
import { footballJoinData, footballMode, footballSeatOptions, teamChoice } from "./join.js";

describe("football input", () => {
  it("moves full stick per key; opposite keys cancel", () => {
    expect(footballMove(true, false, false, true)).toEqual({ moveX: 127, moveY: -127 });
    expect(footballMove(true, true, true, false)).toEqual({ moveX: -127, moveY: 0 });
  });

  it("never sends out-of-range values", () => {
    const safe = (init: object) => sanitizeFootballInput(create(FootballInputSchema, init));
    expect(safe({ moveX: 300, moveY: -1e9, kick: true })).toEqual(create(FootballInputSchema, { moveX: 127, moveY: -127, kick: true, dash: false }));
    expect(safe({ moveX: NaN, moveY: 3.6 })).toEqual(create(FootballInputSchema, { moveX: 0, moveY: 4 }));
  });
});

describe("football join choices", () => {
  it("sends the team as FootballJoin, empty for any team", () => {
    expect(fromBinary(FootballJoinSchema, footballJoinData("red")).team).toBe("red");
    expect(footballJoinData("")).toEqual(new Uint8Array(0));
  });

  it("reads modes and teams from form values, with the defaults for anything else", () => {
    expect(["1v1", "2v2", "3v3", "5v5", null, undefined].map(footballMode)).toEqual(["1v1", "2v2", "3v3", "3v3", "3v3", "3v3"]);
    expect(["red", "blue", "", "green", null].map(teamChoice)).toEqual(["red", "blue", "", "", ""]);
    expect(footballSeatOptions("1v1")).toEqual({ mode: "1v1" });
  });
});
