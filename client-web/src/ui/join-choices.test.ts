import { fromBinary } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { FootballJoinSchema } from "../gen/games/football/v1/football_pb.js";
import { footballUi } from "./football-ui.js";
import { arenaUi } from "./arena-ui.js";
import { choicesFromUrl, gamesToOffer, preselectedGame, seatRequest } from "./join-choices.js";

const PLAYABLE = ["arena", "football"];

describe("the game picker", () => {
  it("offers the server's games this page plays, arena first", () => {
    expect(gamesToOffer(["football", "chess", "arena"], PLAYABLE)).toEqual(["arena", "football"]);
    expect(gamesToOffer(["football"], PLAYABLE)).toEqual(["football"]);
    expect(gamesToOffer(["football", "football"], PLAYABLE)).toEqual(["football"]);
  });

  it("offers every playable game when the server's list is unavailable or useless", () => {
    expect(gamesToOffer(undefined, ["football", "arena"])).toEqual(["arena", "football"]);
    expect(gamesToOffer(["chess"], PLAYABLE)).toEqual(["arena", "football"]);
  });

  it("preselects ?game= when offered, else arena", () => {
    expect(preselectedGame(["arena", "football"], "football")).toBe("football");
    expect(preselectedGame(["arena", "football"], "chess")).toBe("arena");
    expect(preselectedGame(["arena", "football"], null)).toBe("arena");
    expect(preselectedGame(["football"], null)).toBe("football");
    expect(preselectedGame([], null)).toBeUndefined();
  });

  it("reads a team and a mode from the URL", () => {
    expect(choicesFromUrl(new URLSearchParams("game=football&team=red&mode=1v1"))).toEqual({ team: "red", mode: "1v1" });
    expect(choicesFromUrl(new URLSearchParams(""))).toEqual({});
  });
});

describe("seat requests", () => {
  it("ask football rooms of the chosen mode, with the team in Join.data", () => {
    const { request, joinData } = seatRequest(footballUi, "ann", { team: "blue", mode: "1v1" });
    expect(request).toEqual({ name: "ann", role: "player", game: "football", options: { mode: "1v1" } });
    expect(fromBinary(FootballJoinSchema, joinData!).team).toBe("blue");
  });

  it("default to 3v3 and any team", () => {
    const { request, joinData } = seatRequest(footballUi, "ann", { team: "green", mode: "" }, "r7");
    expect(request).toEqual({ name: "ann", role: "player", game: "football", roomId: "r7", options: { mode: "3v3" } });
    expect(joinData).toEqual(new Uint8Array(0));
  });

  it("ask the arena for a seat with nothing else", () => {
    expect(seatRequest(arenaUi, "bob", { team: "red", mode: "1v1" })).toEqual({ request: { name: "bob", role: "player", game: "arena" }, joinData: undefined });
  });
});
