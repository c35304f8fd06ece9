// The join form's logic without the DOM: which games to offer and which to preselect, the
// choices a URL carries, and the seat request the choices make.

import type { SeatRequest } from "../protocol/index.js";
import type { GameUi, JoinChoices } from "./game-ui.js";

/** The game offered first and preselected when nothing else is asked for. */
export const DEFAULT_GAME = "arena";

/**
 * The games to offer: those the server lists (GET /api/games) that this page can play, the
 * default first, then in the server's order; every playable game when the list is
 * unavailable (undefined) or names none of them.
 */
export function gamesToOffer(listed: readonly string[] | undefined, playable: readonly string[], defaultGame = DEFAULT_GAME): string[] {
  const known = listed?.filter((name, i) => playable.includes(name) && listed.indexOf(name) === i) ?? [];
  const games = known.length > 0 ? known : [...playable];
  return games.includes(defaultGame) ? [defaultGame, ...games.filter((g) => g !== defaultGame)] : games;
}

/** The game to preselect: `asked` (?game=) when it is offered, else the default, else the first offered. */
export function preselectedGame(offered: readonly string[], asked: string | null | undefined, defaultGame = DEFAULT_GAME): string | undefined {
  if (asked && offered.includes(asked)) return asked;
  return offered.includes(defaultGame) ? defaultGame : offered[0];
}

/** Choices a URL presets: ?team= and ?mode= (empty when absent: the form's defaults stand). */
export function choicesFromUrl(params: URLSearchParams): Partial<JoinChoices> {
  const out: { team?: string; mode?: string } = {};
  const team = params.get("team");
  const mode = params.get("mode");
  if (team !== null) out.team = team;
  if (mode !== null) out.mode = mode;
  return out;
}

/** What to ask matchmaking and the room for a player named `name` in `ui`'s game. */
export function seatRequest(ui: Pick<GameUi, "name" | "seat">, name: string, choices: JoinChoices, roomId?: string): { request: SeatRequest; joinData?: Uint8Array } {
  const ask = ui.seat(choices);
  const request: SeatRequest = { name, role: "player", game: ui.name, ...(roomId ? { roomId } : {}), ...(ask.options ? { options: ask.options } : {}) };
  return { request, joinData: ask.joinData };
}
