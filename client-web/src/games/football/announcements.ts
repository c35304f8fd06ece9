// What a page announces for football's events: a banner over the pitch for goals, kick-offs
// and the end of a round, and a line for the event feed. Text only (names come from other
// players: a renderer must draw them as text, never as HTML).

import type { Goal, Kickoff, RoundOver } from "../../gen/games/football/v1/football_pb.js";
import type { TeamName } from "./fields.js";

/** A banner to show for a while over the pitch. */
export interface Announcement {
  /** Big text, e.g. "GOAL!". */
  readonly title: string;
  /** Smaller text under it, e.g. "ann scores for Red · Red 1 – 0 Blue". */
  readonly detail: string;
  /** Whose colour to show it in; undefined: neutral. */
  readonly team: TeamName | undefined;
  /** How long to show it, in ms. */
  readonly durationMs: number;
}

/** A football event by its name in Welcome.schema.events, decoded. */
export type FootballEvent =
  | { readonly name: "goal"; readonly message: Goal }
  | { readonly name: "kickoff"; readonly message: Kickoff }
  | { readonly name: "round_over"; readonly message: RoundOver };

/** "Red" for "red". */
export function teamLabel(team: string): string {
  return team ? team.charAt(0).toUpperCase() + team.slice(1) : "";
}

/** "Red 2 – 1 Blue". */
export function scoreLine(red: number, blue: number): string {
  return `Red ${red} – ${blue} Blue`;
}

/** The banner for an event. `nameOf` gives a player's name by entity id ("" when unknown). */
export function announce(event: FootballEvent, nameOf: (id: number) => string): Announcement {
  switch (event.name) {
    case "goal": {
      const g = event.message;
      const who = g.scorer !== 0 ? nameOf(g.scorer) : "";
      const credit = g.ownGoal
        ? `Own goal${who ? ` by ${who}` : ""}: ${teamLabel(g.team)} scores`
        : who
          ? `${who} scores for ${teamLabel(g.team)}`
          : `${teamLabel(g.team)} scores`;
      return { title: "GOAL!", detail: `${credit} · ${scoreLine(g.scoreRed, g.scoreBlue)}`, team: g.team, durationMs: 2500 };
    }
    case "kickoff": {
      const k = event.message;
      return { title: "Kick-off", detail: `Round ${k.round} · ${teamLabel(k.team)} kicks off`, team: k.team, durationMs: 1500 };
    }
    case "round_over": {
      const r = event.message;
      const title = r.winner === "draw" ? "Draw" : `${teamLabel(r.winner)} wins round ${r.round}`;
      const team = r.winner === "draw" ? undefined : r.winner;
      return { title, detail: `${scoreLine(r.scoreRed, r.scoreBlue)} · next round soon`, team, durationMs: 5000 };
    }
  }
}

/** One line for the event feed: goals only ("goal: ann · Red 1 – 0 Blue"); undefined for other events. */
export function feedLine(event: FootballEvent, nameOf: (id: number) => string): string | undefined {
  if (event.name !== "goal") return undefined;
  const g = event.message;
  const who = (g.scorer !== 0 && nameOf(g.scorer)) || teamLabel(g.team);
  return `${g.ownGoal ? "own goal" : "goal"}: ${who} · ${scoreLine(g.scoreRed, g.scoreBlue)}`;
}
