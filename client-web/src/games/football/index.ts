// The bundled football game as a client plays it: its GameClient, fields, rules, the exact
// movement rule it predicts with, join choices, event announcements and the frame a renderer
// draws. Built on the game-neutral src/protocol, like src/games/arena.

export { footballGame } from "./game.js";
export type { FootballGame, FootballSession } from "./game.js";
export { FOOTBALL_FIELDS, REQUIRED_FIELDS, footballContext, footballFields, kindOf, readField } from "./fields.js";
export type { FootballContext, FootballFieldName, FootballFields, PhaseName, TeamName } from "./fields.js";
export { footballRules, ticksOf } from "./rules.js";
export type { FootballRules } from "./rules.js";
export { dashing, frozenAt, stepAlong, stepFootballer } from "./movement.js";
export type { FootballState, MatchTimes, MoveIntent } from "./movement.js";
export { findMatch, matchView, roundClock } from "./match.js";
export type { MatchView, RoundClock } from "./match.js";
export { footballAxis, footballMove, sanitizeFootballInput } from "./input.js";
export type { FootballIntent } from "./input.js";
export {
  DEFAULT_FOOTBALL_MODE,
  FOOTBALL_MODES,
  TEAM_CHOICES,
  footballJoinData,
  footballMode,
  footballSeatOptions,
  teamChoice,
} from "./join.js";
export type { FootballMode, TeamChoice } from "./join.js";
export { announce, feedLine, scoreLine, teamLabel } from "./announcements.js";
export type { Announcement, FootballEvent } from "./announcements.js";
export { footballFrame } from "./frame.js";
export type { BallView, FootballFrame, FootballFrameOptions, FootballFrameSource, FootballPlayerView } from "./frame.js";
export type { FootballInput, FootballJoin, Goal, Kick, Kickoff, RoundOver, SwitchTeam } from "../../gen/games/football/v1/football_pb.js";
