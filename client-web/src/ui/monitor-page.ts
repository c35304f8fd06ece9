// The monitor page (/monitor): rooms, players, tick time and bandwidth, refreshed every
// second; click a room to watch it as a spectator on the same canvas view the game page uses
// (the room's game picks the protocol client; Welcome.game picks the view).

import { matchmake, Session, type AnyGameClient } from "../protocol/index.js";
import type { GameView } from "./game-ui.js";
import { gameUi, GAME_UIS } from "./game-uis.js";
import { fetchHealth, fetchMetrics, fetchRooms, interestingMetrics, OutRate, roomGameLabel, type RoomInfo } from "./monitor-data.js";
import { Sparkline } from "./sparkline.js";
import { installTestHook } from "./test-hook.js";

const REFRESH_MS = 1000;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const roomsBody = $("rooms");
const totals = $("totals");
const roomsError = $("rooms-error");
const health = $("health");
const updated = $("updated");
const metrics = $("metrics");
const watchSection = $("watch-section");
const watchRoom = $("watch-room");
const watchStatus = $("watch-status");
const overviewButton = $("overview");
const watchHelp = $("watch-help");
const watchElements = { canvas: $<HTMLCanvasElement>("watch-canvas"), hud: $("watch-hud"), scoreboard: $("watch-scoreboard") };

const charts = {
  players: new Sparkline($("charts"), "players (all rooms)", (v) => v.toFixed(0)),
  out: new Sparkline($("charts"), "sent, kB/s (all rooms)", (v) => v.toFixed(1)),
  p99: new Sparkline($("charts"), "tick p99, ms (worst room)", (v) => v.toFixed(2)),
};

const outRate = new OutRate();
let session: Session<AnyGameClient> | undefined;
let watching: string | undefined;
/** The view of the watched room, made for its Welcome.game. */
let view: { game: string; view: GameView } | undefined;
installTestHook(() => ({ session, view: view?.view }));

$("stop-watching").addEventListener("click", stopWatching);
overviewButton.addEventListener("click", () => view?.view.follow?.(undefined));

async function refresh(): Promise<void> {
  const [rooms, ok, samples] = await Promise.all([fetchRooms().catch((e: Error) => e), fetchHealth(), fetchMetrics()]);
  health.textContent = ok ? "health: ok" : "health: down";
  health.className = `status ${ok ? "ok" : "down"}`;
  updated.textContent = `updated ${new Date().toLocaleTimeString()}`;
  if (rooms instanceof Error) {
    roomsError.textContent = `Rooms unavailable: ${rooms.message}`;
  } else {
    roomsError.textContent = rooms.length === 0 ? "No rooms yet: the first player to join opens one." : "";
    showRooms(rooms);
  }
  metrics.textContent =
    samples === undefined
      ? "The server does not serve /metrics (yet)."
      : interestingMetrics(samples).map((s) => `${s.name}${s.labels} ${formatNumber(s.value)}`).join("\n") || "No Tickstream metrics exported.";
}

function showRooms(rooms: RoomInfo[]): void {
  const rates = outRate.of(rooms, performance.now());
  roomsBody.replaceChildren(
    ...rooms.map((r) => {
      const row = document.createElement("tr");
      if (r.roomId === watching) row.className = "watching";
      cells(row, [
        r.roomId,
        roomGameLabel(r),
        `${r.players} / ${r.maxPlayers || "?"}`,
        String(r.spectators),
        String(r.tick),
        `${r.tickRate} Hz`,
        ms(r.tickMs.p50),
        ms(r.tickMs.p99),
        ms(r.latenessMs.p99),
        r.skippedSnapshots === undefined ? "–" : String(r.skippedSnapshots),
        kbps(rates.get(r.roomId)),
      ]);
      row.title = "Watch this room";
      row.addEventListener("click", () => void watch(r));
      return row;
    }),
  );
  const players = rooms.reduce((n, r) => n + r.players, 0);
  const out = rooms.reduce((n, r) => n + (rates.get(r.roomId) ?? 0), 0);
  const worstP99 = Math.max(0, ...rooms.map((r) => r.tickMs.p99 ?? 0));
  const foot = document.createElement("tr");
  const spectators = rooms.reduce((n, r) => n + r.spectators, 0);
  cells(foot, [`${rooms.length} room${rooms.length === 1 ? "" : "s"}`, "", String(players), String(spectators), "", "", "", ms(worstP99), "", "", kbps(out)]);
  totals.replaceChildren(foot);
  charts.players.push(players);
  charts.out.push(out / 1000);
  charts.p99.push(worstP99);
}

async function watch(room: RoomInfo): Promise<void> {
  const roomId = room.roomId;
  if (roomId === watching && session?.status !== "closed") return;
  stopWatching();
  watching = roomId;
  watchSection.hidden = false;
  watchRoom.textContent = roomId;
  watchStatus.textContent = "finding a seat…";
  try {
    const ui = gameUi(room.game) ?? GAME_UIS[0];
    const seat = await matchmake({ name: "monitor", role: "spectator", roomId, game: ui.name });
    if (watching !== roomId) return; // another room was picked meanwhile
    // A room of a game the page does not know closes with a reason saying so.
    const mine: Session<AnyGameClient> = new Session({
      url: seat.url,
      name: "monitor",
      game: ui.game,
      events: {
        onWelcome: (welcome) => session === mine && showView(welcome.game || ui.name, mine),
        onEvent: (name, message, tick) => session === mine && view?.view.onEvent(name, message, tick),
        onStatus: (status, reason) => session === mine && (watchStatus.textContent = reason ? `${status}: ${reason}` : status),
      },
    });
    session = mine.start();
    watchStatus.textContent = "connecting…";
  } catch (e) {
    watchStatus.textContent = `cannot watch: ${(e as Error).message}`;
  }
}

/** Draws `watched` with the view of `game` (made anew when the game changes). */
function showView(game: string, watched: Session<AnyGameClient>): void {
  if (view?.game !== game) {
    view?.view.stop();
    const ui = gameUi(game) ?? GAME_UIS[0];
    view = { game, view: ui.createView(watchElements) };
  }
  // Following players is the arena's; football shows the whole pitch.
  overviewButton.hidden = watchHelp.hidden = view.view.follow === undefined;
  view.view.show(watched);
}

function stopWatching(): void {
  const old = session;
  session = undefined;
  old?.close();
  watching = undefined;
  view?.view.stop();
  watchSection.hidden = true;
}

function cells(row: HTMLTableRowElement, texts: string[]): void {
  for (const text of texts) row.insertCell().textContent = text;
}

function kbps(bytesPerSecond: number | undefined): string {
  return bytesPerSecond === undefined ? "–" : `${(bytesPerSecond / 1000).toFixed(1)} kB/s`;
}

function ms(v: number | undefined): string {
  return v === undefined ? "–" : `${v.toFixed(2)} ms`;
}

function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(6);
}

// setTimeout after each refresh, not setInterval: a slow server never gets overlapping polls.
async function poll(): Promise<void> {
  await refresh().catch(() => undefined);
  setTimeout(() => void poll(), REFRESH_MS);
}
void poll();
