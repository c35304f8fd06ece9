// The games the pages can play and watch, by name.

import { arenaUi } from "./arena-ui.js";
import { footballUi } from "./football-ui.js";
import type { GameUi } from "./game-ui.js";

/** Every game the pages know, the default (arena) first. */
export const GAME_UIS: readonly GameUi[] = [arenaUi, footballUi];

/** The GameUi of game `name`, undefined for a game these pages do not know. */
export function gameUi(name: string | undefined): GameUi | undefined {
  return GAME_UIS.find((g) => g.name === name);
}
