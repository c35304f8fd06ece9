// The game page (index.html): pick a name, get a seat, play. Query parameters:
// ?room=ID asks for a room, ?delay=MS sets the interpolation delay (default 100).

import { arenaGame, type ArenaSession } from "../games/arena/index.js";
import { matchmake, MatchmakeError, Session, type SessionStatus } from "../protocol/index.js";
import { ArenaView } from "./arena-view.js";
import { Controls } from "./controls.js";
import { EventFeed } from "./feed.js";
import { installTestHook } from "./test-hook.js";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const canvas = $<HTMLCanvasElement>("arena");
const form = $<HTMLFormElement>("join");
const nameInput = $<HTMLInputElement>("name");
const playButton = $<HTMLButtonElement>("play");
const joinError = $("join-error");
const hud = $("hud");
const scoreboard = $("scoreboard");
const banner = $("banner");
const bannerText = $("banner-text");
const rejoinButton = $<HTMLButtonElement>("rejoin");
const leaveButton = $<HTMLButtonElement>("leave");
const chatForm = $<HTMLFormElement>("chat");
const chatText = $<HTMLInputElement>("chat-text");
const feed = new EventFeed($("feed"));

const params = new URLSearchParams(location.search);
const delayParam = Number(params.get("delay"));
const interpolationDelayMs = Number.isFinite(delayParam) && delayParam > 0 ? delayParam : 100;
const NAME_KEY = "tickstream.name";

let session: ArenaSession | undefined;
let roomId = params.get("room") ?? undefined;
let playerName = "";
let bannerTimer: ReturnType<typeof setTimeout> | undefined;

const view = new ArenaView({ canvas, hud, scoreboard, interpolationDelayMs, selfAim: () => controls.aimRadians });
const controls = new Controls(canvas, () => view.selfOnCanvas(), () => session?.sendInput({}));
installTestHook(() => ({ session, view }));

nameInput.value = localStorage.getItem(NAME_KEY) ?? "";
nameInput.focus();
form.addEventListener("submit", (e) => {
  e.preventDefault();
  playerName = nameInput.value.trim().slice(0, 16) || "player";
  localStorage.setItem(NAME_KEY, playerName);
  void join();
});
rejoinButton.addEventListener("click", () => void join());
window.addEventListener("keydown", (e) => {
  if (e.target instanceof HTMLInputElement) return;
  if (e.code === "KeyM") view.toggleOverview();
  if (e.code === "Enter" && session?.status === "live") openChat(e);
});
chatForm.addEventListener("submit", (e) => {
  e.preventDefault();
  const text = chatText.value.trim();
  if (text) {
    try {
      session?.send("chat", { text });
    } catch (error) {
      feed.push(`chat unavailable: ${(error as Error).message}`, "kill");
    }
  }
  closeChat();
});
chatText.addEventListener("keydown", (e) => e.code === "Escape" && closeChat());
chatText.addEventListener("blur", () => closeChat());
leaveButton.addEventListener("click", () => {
  endSession();
  view.stop();
  showBanner("");
  setPlaying(false);
});

async function join(): Promise<void> {
  playButton.disabled = rejoinButton.disabled = true;
  joinError.textContent = "";
  try {
    const seat = await seatInSomeRoom();
    roomId = seat.roomId;
    endSession();
    const mine: ArenaSession = new Session({
      url: seat.url,
      name: playerName,
      game: arenaGame,
      input: () => controls.intent(),
      // A replaced session's last words (its "closed") must not cover the new one's banner.
      events: {
        onStatus: (status, reason) => session === mine && onStatus(status, reason),
        onEvent: feed.arenaHandler(() => (session === mine ? mine : undefined)),
      },
    });
    session = mine.start();
    view.show(session);
    setPlaying(true);
    showBanner("Connecting…");
  } catch (e) {
    const message = e instanceof MatchmakeError && e.status === 503 ? "Every room is full right now; try again in a moment." : (e as Error).message;
    if (form.hidden) showBanner(`Could not rejoin: ${message}`, true);
    else joinError.textContent = `Could not join: ${message}`;
  } finally {
    playButton.disabled = rejoinButton.disabled = false;
  }
}

/** The room we were in if it still has a seat, otherwise any room. */
async function seatInSomeRoom() {
  if (roomId) {
    try {
      return await matchmake({ name: playerName, role: "player", roomId, game: arenaGame.name });
    } catch (e) {
      if (!(e instanceof MatchmakeError) || e.status === 0) throw e;
    }
  }
  return matchmake({ name: playerName, role: "player", game: arenaGame.name });
}

function openChat(e: KeyboardEvent): void {
  e.preventDefault(); // the Enter must not reach the text box
  controls.release(); // keys held now would stay held while typing
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
      return showBanner("Connecting…");
    case "live":
      return reason ? flashBanner(reason === "resumed" ? "Reconnected: same player, same room." : `Reconnected (${reason}).`) : showBanner("");
    case "reconnecting":
      return showBanner(`${capitalize(reason)}`);
    case "closed":
      return showBanner(`Disconnected: ${reason}.`, true);
  }
}

/** Closes the current session, if any, without its last status reaching the page. */
function endSession(): void {
  feed.clear();
  closeChat();
  const old = session;
  session = undefined;
  old?.close();
}

function setPlaying(playing: boolean): void {
  form.hidden = playing;
  hud.hidden = scoreboard.hidden = !playing;
  if (playing) nameInput.blur(); // keys typed in a focused (hidden) input would not steer
  else nameInput.focus();
}

function showBanner(text: string, offerRejoin = false): void {
  clearTimeout(bannerTimer);
  banner.hidden = text === "";
  bannerText.textContent = text;
  rejoinButton.hidden = leaveButton.hidden = !offerRejoin;
}

function flashBanner(text: string): void {
  showBanner(text);
  bannerTimer = setTimeout(() => showBanner(""), 2500);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
