// The match entity (score, phase, clock) as the client reads it, and the round clock a page
// shows: ticks left on the server's tick clock, in whole seconds.

import type { EntityRow, WorldState } from "../../protocol/index.js";
import { kindOf, readField, type FootballFields, type PhaseName, type TeamName } from "./fields.js";
import type { FootballRules } from "./rules.js";

/** The match row, decoded. Ticks are server ticks; 0 means "none". */
export interface MatchView {
  readonly scoreRed: number;
  readonly scoreBlue: number;
  /** warmup (waiting for both teams), kickoff (everyone frozen until phaseEnd), play, goal (paused until phaseEnd), over (until the next round at phaseEnd). */
  readonly phase: PhaseName;
  /** Tick the current phase ends at (kickoff, goal, over); 0 in warmup and play. */
  readonly phaseEnd: number;
  /** Tick the round ends at; 0 when no round runs (warmup). */
  readonly roundEnd: number;
  /** The team that kicks off (next). */
  readonly kickoffTeam: TeamName;
  /** Rounds started in this room, 1 for the first; 0 before any. */
  readonly round: number;
  /** Players per team in this room's mode (1 to 3). */
  readonly teamSize: number;
}

/** Decodes a match row. */
export function matchView(f: FootballFields, row: EntityRow | { readonly values: readonly number[] }): MatchView {
  const read = (name: Parameters<typeof readField>[2]) => readField(f, row, name);
  return {
    scoreRed: read("score_red"),
    scoreBlue: read("score_blue"),
    phase: f.phases[read("phase")] ?? `phase ${read("phase")}`,
    phaseEnd: read("phase_end"),
    roundEnd: read("round_end"),
    kickoffTeam: f.teams[read("kickoff_team")] ?? "red",
    round: read("round"),
    teamSize: read("team_size"),
  };
}

/** The match row of a state, undefined when it has none. */
export function findMatch(f: FootballFields, world: Pick<WorldState, "entities">): EntityRow | undefined {
  for (const row of world.entities.values()) if (kindOf(f, row) === "match") return row;
  return undefined;
}

/** What the clock shows: a label ("2:59", "warm-up", …) and the whole seconds behind it. */
export interface RoundClock {
  /** "m:ss" of the round's time left, or what the match waits for. */
  readonly label: string;
  /** Seconds left in the round (whole, rounded up), undefined when no round runs. */
  readonly secondsLeft: number | undefined;
  /** A second line: the kick-off countdown, the next round's, or a hint. "" for none. */
  readonly detail: string;
}

/**
 * The round clock at (fractional) server tick `tick`: the time left to round_end, at most a
 * full round (the clock starts when the first kick-off ends), and what the phase waits for.
 */
export function roundClock(match: MatchView, tick: number, rules: Pick<FootballRules, "tickRate" | "roundTicks">): RoundClock {
  const seconds = (ticks: number) => Math.max(0, Math.ceil(ticks / rules.tickRate - 1e-9));
  const left = match.roundEnd > 0 ? seconds(Math.min(match.roundEnd - tick, rules.roundTicks)) : undefined;
  const label = left === undefined ? "warm-up" : `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
  let detail = "";
  if (match.phase === "warmup") detail = "waiting for a player on each team";
  else if (match.phase === "kickoff") detail = `kick-off in ${seconds(match.phaseEnd - tick)}`;
  else if (match.phase === "goal") detail = "goal!";
  else if (match.phase === "over") detail = `next round in ${seconds(match.phaseEnd - tick)}`;
  return { label: match.phase === "over" ? "full time" : label, secondsLeft: left, detail };
}
