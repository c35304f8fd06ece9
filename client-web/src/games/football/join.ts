// How a player asks for a football seat: a mode (a matchmaking room option: rooms are made
// and matched by it) and a team (FootballJoin in Join.data).

import { create, toBinary } from "@bufbuild/protobuf";
import { FootballJoinSchema } from "../../gen/games/football/v1/football_pb.js";

/** The modes a football room runs (FootballLobby.MODES): players per team 1, 2 or 3. */
export const FOOTBALL_MODES = ["1v1", "2v2", "3v3"] as const;
export type FootballMode = (typeof FOOTBALL_MODES)[number];
/** The server's default mode. */
export const DEFAULT_FOOTBALL_MODE: FootballMode = "3v3";

/** A team to ask for: "red" (defends the left goal), "blue" (the right one), or "" for whichever has room. */
export type TeamChoice = "red" | "blue" | "";
export const TEAM_CHOICES: readonly TeamChoice[] = ["", "red", "blue"];

/** `value` as a mode, the default for anything else. */
export function footballMode(value: string | null | undefined): FootballMode {
  return (FOOTBALL_MODES as readonly string[]).includes(value ?? "") ? (value as FootballMode) : DEFAULT_FOOTBALL_MODE;
}

/** `value` as a team choice: "red", "blue", else "" (any). */
export function teamChoice(value: string | null | undefined): TeamChoice {
  return value === "red" || value === "blue" ? value : "";
}

/** The matchmaking room options of a mode: `{ mode }` (always sent, so the default mode's rooms match too). */
export function footballSeatOptions(mode: FootballMode): Record<string, string> {
  return { mode };
}

/** The Join.data asking for `team` (FootballJoin); empty bytes for any team. */
export function footballJoinData(team: TeamChoice): Uint8Array {
  return toBinary(FootballJoinSchema, create(FootballJoinSchema, { team }));
}
