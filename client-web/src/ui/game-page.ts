// The game page (index.html): pick a game, a name (and the game's choices), get a seat, play.
// Query parameters: ?game=NAME preselects a game (?team=, ?mode= its choices), ?room=ID asks
// for a room, ?delay=MS sets the interpolation delay (default 100). What is game-specific
// comes from the game's GameUi (arena-ui.ts, football-ui.ts).

import { matchmake, MatchmakeError, Session, type AnyGameClient, type SessionStatus } from "../protocol/index.js";
import { StatusBanner } from "./banner.js";
import { EventFeed } from "./feed.js";
import type { GameControls, GameUi, GameView, JoinChoices } from "./game-ui.js";
import { GAME_UIS } from "./game-uis.js";
import { seatRequest } from "./join-choices.js";
import { JoinForm } from "./join-form.js";
import { installTestHook } from "./test-hook.js";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const elements = { canvas: $<HTMLCanvasElement>("view"), hud: $("hud"), scoreboard: $("scoreboard"), feed: new EventFeed($("feed")) };
const nameInput = $<HTMLInputElement>("name");
const playButton = $<HTMLButtonElement>("play");
const rejoinButton = $<HTMLButtonElement>("rejoin");
const joinError = $("join-error");
const chatForm = $<HTMLFormElement>("chat");
const chatText = $<HTMLInputElement>("chat-text");
const banner = new StatusBanner($("banner"), $("banner-text"), rejoinButton, $<HTMLButtonElement>("leave"));
const form = new JoinForm({ form: $<HTMLFormElement>("join"), game: $<HTMLSelectElement>("game"), team: $<HTMLSelectElement>("team"), mode: $<HTMLSelectElement>("mode"), help: $("help") }, GAME_UIS, new URLSearchParams(location.search));

const params = new URLSearchParams(location.search);
const delayParam = Number(params.get("delay"));
const interpolationDelayMs = Number.isFinite(delayParam) && delayParam > 0 ? delayParam : 100;
const NAME_KEY = "tickstream.name";

/** What is being played: the game, its session, view and controls, and the choices it joined with. */
let play: { ui: GameUi; session: Session<AnyGameClient>; view: GameView; controls: GameControls; choices: JoinChoices } | undefined;
let room: { game: string; id: string | undefined } = { game: form.ui.name, id: params.get("room") ?? undefined };
let playerName = "";
installTestHook(() => ({ session: play?.session, view: play?.view }));

void form.load();
nameInput.value = localStorage.getItem(NAME_KEY) ?? "";
nameInput.focus();
$<HTMLFormElement>("join").addEventListener("submit", (e) => {
  e.preventDefault();
  playerName = nameInput.value.trim().slice(0, 16) || "player";
  localStorage.setItem(NAME_KEY, playerName);
  void join(form.ui, form.choices());
});
rejoinButton.addEventListener("click", () => play && void join(play.ui, play.choices));
$("leave").addEventListener("click", () => {
  endSession();
  banner.show("");
  setPlaying(false);
});
window.addEventListener("keydown", (e) => {
  if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || !play) return;
  if (e.code === "KeyM") play.view.toggleOverview?.();
  if (e.code === "Enter" && play.ui.chat !== undefined && play.session.status === "live") openChat(e);
});
chatForm.addEventListener("submit", (e) => {
  e.preventDefault();
  const text = chatText.value.trim();
  try {
    if (text && play) play.ui.chat?.(play.session, text);
  } catch (error) {
    elements.feed.push(`chat unavailable: ${(error as Error).message}`, "kill");
  }
  closeChat();
});
chatText.addEventListener("keydown", (e) => e.code === "Escape" && closeChat());
chatText.addEventListener("blur", () => closeChat());

async function join(ui: GameUi, choices: JoinChoices): Promise<void> {
  playButton.disabled = rejoinButton.disabled = true;
  joinError.textContent = "";
  try {
    const roomId = room.game === ui.name ? room.id : undefined;
    const { url, roomId: joined, joinData } = await seatInSomeRoom(ui, choices, roomId);
    room = { game: ui.name, id: joined };
    endSession();
    const { view, controls } = ui.createPlayer(elements, { interpolationDelayMs }, () => play?.session.sendInput({}));
    const session: Session<AnyGameClient> = new Session({
      url,
      name: playerName,
      game: ui.game,
      joinData,
      input: () => controls.intent(),
      // A replaced session's last words (its "closed") must not cover the new one's banner.
      events: { onStatus: (status, reason) => play?.session === session && onStatus(status, reason), onEvent: view.onEvent },
    });
    play = { ui, session, view, controls, choices };
    view.show(session.start());
    setPlaying(true);
    banner.show("Connecting…");
  } catch (e) {
    const message = e instanceof MatchmakeError && e.status === 503 ? "Every room is full right now; try again in a moment." : (e as Error).message;
    if (play) banner.show(`Could not rejoin: ${message}`, true);
    else joinError.textContent = `Could not join: ${message}`;
  } finally {
    playButton.disabled = rejoinButton.disabled = false;
  }
}

/** The room we were in if it still has a seat, otherwise any room of the game. */
async function seatInSomeRoom(ui: GameUi, choices: JoinChoices, roomId: string | undefined) {
  if (roomId) {
    const { request, joinData } = seatRequest(ui, playerName, choices, roomId);
    try {
      return { ...(await matchmake(request)), joinData };
    } catch (e) {
      if (!(e instanceof MatchmakeError) || e.status === 0) throw e;
    }
  }
  const { request, joinData } = seatRequest(ui, playerName, choices);
  return { ...(await matchmake(request)), joinData };
}

function openChat(e: KeyboardEvent): void {
  e.preventDefault(); // the Enter must not reach the text box
  play?.controls.release(); // keys held now would stay held while typing
  chatForm.hidden = false;
  chatText.value = "";
  chatText.focus();
}

function closeChat(): void {
  chatForm.hidden = true;
  chatText.blur();
}

function onStatus(status: SessionStatus, reason: string): void {
  switch (status) {
    case "connecting":
      return banner.show("Connecting…");
    case "live":
      return reason ? banner.flash(reason === "resumed" ? "Reconnected: same player, same room." : `Reconnected (${reason}).`) : banner.show("");
    case "reconnecting":
      return banner.show(reason.charAt(0).toUpperCase() + reason.slice(1));
    case "closed":
      return banner.show(`Disconnected: ${reason}.`, true);
  }
}

/** Closes the current session, if any, without its last status reaching the page. */
function endSession(): void {
  elements.feed.clear();
  closeChat();
  const old = play;
  play = undefined;
  old?.controls.dispose();
  old?.view.stop();
  old?.session.close();
}

function setPlaying(playing: boolean): void {
  $("join").hidden = playing;
  elements.hud.hidden = elements.scoreboard.hidden = !playing;
  if (playing) nameInput.blur(); // keys typed in a focused (hidden) input would not steer
  else nameInput.focus();
}
