// The arena on the pages: no seat choices, its view (follow camera, minimap, kill feed, chat)
// and its controls (keys move, the mouse aims, click or space fires).

import { arenaGame, type ArenaSession } from "../games/arena/index.js";
import { ArenaControls } from "./arena-controls.js";
import { ArenaView } from "./arena-view.js";
import type { GameUi } from "./game-ui.js";

export const arenaUi: GameUi = {
  name: arenaGame.name,
  title: "Arena",
  help: "WASD or arrows move · mouse aims · click or space fires · M shows the whole map · Enter chats · touch: left thumb steers, right thumb aims and fires",
  game: arenaGame,
  chat: (session, text) => void (session as ArenaSession).send("chat", { text }),
  seat: () => ({}),
  createView: (elements, options = {}) => new ArenaView({ ...elements, ...options }),
  createPlayer(elements, options, onRelease) {
    // The view aims from the controls' pointer; the controls aim from where the view drew us.
    const view: ArenaView = new ArenaView({ ...elements, ...options, selfAim: () => controls.aimRadians });
    const controls = new ArenaControls(elements.canvas, () => view.selfOnCanvas(), onRelease);
    return { view, controls };
  },
};
