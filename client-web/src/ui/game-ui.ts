// What the game page and the monitor need of a game besides its protocol client: how to ask
// for a seat from the join form's choices, a view that draws a session of it (for players
// and spectators), and controls that make its input. One GameUi per game (arena-ui.ts,
// football-ui.ts); the pages pick one by name and stay game-neutral.

import type { AnyGameClient, EventHandler, InputInit, Session } from "../protocol/index.js";
import type { EventFeed } from "./feed.js";

/** What the join form offers beside the name (games read what they use). */
export interface JoinChoices {
  /** A football team: "red", "blue" or "" for any. */
  readonly team: string;
  /** A football mode: "1v1", "2v2" or "3v3". */
  readonly mode: string;
}

/** How to ask for a seat: matchmaking room options and Join.data. */
export interface SeatAsk {
  readonly options?: Readonly<Record<string, string>>;
  readonly joinData?: Uint8Array;
}

/** The elements a view draws on. */
export interface ViewElements {
  /** Where the game is drawn; sized by CSS, drawn at the device's pixel ratio. */
  readonly canvas: HTMLCanvasElement;
  /** Panel for ping, tick rate, bandwidth. */
  readonly hud: HTMLElement;
  /** Panel for the players and their scores. */
  readonly scoreboard: HTMLElement;
  /** Where the game's event lines go (kills, chat, goals). @default none */
  readonly feed?: EventFeed;
}

export interface ViewOptions {
  /** How far behind the newest snapshot others are drawn, in ms. @default 100 */
  readonly interpolationDelayMs?: number;
}

/** Something drawn in the last frame, in map units (the test hook reads these). */
export interface Drawn {
  readonly id: number;
  readonly kind: string;
  readonly x: number;
  readonly y: number;
  readonly self: boolean;
}

/** Draws one session of a game on a canvas, with its panels, until stopped. */
export interface GameView {
  /** Starts drawing `session` (a session of this view's game). */
  show(session: Session<AnyGameClient>): void;
  stop(): void;
  /** SessionEvents.onEvent for the shown session: banners, feed lines. */
  readonly onEvent: EventHandler;
  /** What the last frame drew (players, projectiles, the ball). */
  drawn(): Drawn[];
  /** What the view shows as text beside the entities (a score, a clock), for tests. */
  shown(): Readonly<Record<string, string | number>>;
  /** Follow a player (spectators), or see the whole map with undefined; absent: always the whole map. */
  follow?(id: number | undefined): void;
  /** Switch between following our own player and the whole map (key M); absent: nothing to switch. */
  toggleOverview?(): void;
}

/** A game's input from keys, mouse and touch. */
export interface GameControls {
  /** The input right now; a session reads it once per input beat. */
  intent(): InputInit<AnyGameClient>;
  /** Lets go of everything held (a text box took the keyboard). */
  release(): void;
  /** Stops listening. */
  dispose(): void;
}

/** A game as the pages offer it. */
export interface GameUi {
  /** The game's name (GET /api/games, Welcome.game). */
  readonly name: string;
  /** For people, e.g. "Arena". */
  readonly title: string;
  /** How to play, for the join form. */
  readonly help: string;
  readonly game: AnyGameClient;
  /** Sends a chat line in `session` (a session of this game); absent: the game has no chat (Enter does nothing). */
  readonly chat?: (session: Session<AnyGameClient>, text: string) => void;
  /** What to ask matchmaking and the room for, from the form's choices. */
  seat(choices: JoinChoices): SeatAsk;
  /** A view for watching (spectators: no controls). */
  createView(elements: ViewElements, options?: ViewOptions): GameView;
  /** A view and the controls that steer in it, for playing. `onRelease`: input stopped abruptly. */
  createPlayer(elements: ViewElements, options: ViewOptions, onRelease: () => void): { view: GameView; controls: GameControls };
}
