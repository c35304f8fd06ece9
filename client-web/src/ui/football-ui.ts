// Football on the pages: a team and a mode to ask for (FootballJoin in Join.data, the mode as
// a matchmaking option), its view (the whole pitch, score, clock, banners) and its controls
// (keys move, Space or J kicks, Shift or K dashes).

import { footballGame, footballJoinData, footballMode, footballSeatOptions, teamChoice } from "../games/football/index.js";
import { FootballControls } from "./football-controls.js";
import { FootballView } from "./football-view.js";
import type { GameUi } from "./game-ui.js";

export const footballUi: GameUi = {
  name: footballGame.name,
  title: "Football",
  help: "WASD or arrows run · Space or J kicks · Shift or K dashes · touch: left thumb runs, right side kicks (top) and dashes (bottom)",
  game: footballGame,
  seat: (choices) => ({ options: footballSeatOptions(footballMode(choices.mode)), joinData: footballJoinData(teamChoice(choices.team)) }),
  createView: (elements, options = {}) => new FootballView({ ...elements, ...options }),
  createPlayer: (elements, options, onRelease) => ({
    view: new FootballView({ ...elements, ...options }),
    controls: new FootballControls(elements.canvas, onRelease),
  }),
};
