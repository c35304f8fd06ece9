// The replay page (replay.html, served at /replay/<id>): loads a recording and plays it through
// the same frame builders and renderers as live play (arena and football): play, pause, seek,
// speed 0.25x-4x, and in the arena follow a player or see the whole map. Without an id it
// lists the server's replays. window.__replay is the end-to-end test's window into it.

import { arenaContext, arenaFrame } from "../games/arena/index.js";
import { footballContext, footballFrame, roundClock } from "../games/football/index.js";
import { Recording, REPLAY_SPEEDS, ReplayPlayer } from "../protocol/index.js";
import { ArenaRenderer, type CameraMode } from "../render/arena-renderer.js";
import { FootballRenderer } from "../render/football-renderer.js";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const canvas = $<HTMLCanvasElement>("view");
const playButton = $<HTMLButtonElement>("replay-play");
const seekBar = $<HTMLInputElement>("replay-seek");
const timeLabel = $("replay-time");
const speedSelect = $<HTMLSelectElement>("replay-speed");
const followSelect = $<HTMLSelectElement>("replay-follow");

interface ReplayHook {
  ready: boolean;
  game: string;
  firstTick: number;
  lastTick: number;
  tick: number;
  /** Ticks drawn since the last seek started (0 until the seek's state is drawn). */
  drawsSinceSeek: number;
  /** Milliseconds from the last seek's start to its first drawn frame. */
  lastSeekMs: number;
  /** Players in the last frame drawn. */
  players: number;
  seek(tick: number): Promise<void>;
  error?: string;
}
declare global {
  interface Window {
    __replay?: ReplayHook;
  }
}

const id = decodeURIComponent(location.pathname.match(/^\/replay\/([^/]+)/)?.[1] ?? "") || new URLSearchParams(location.search).get("id") || "";
if (id) void open(id);
else void list();

async function open(recordingId: string): Promise<void> {
  const hook: ReplayHook = { ready: false, game: "", firstTick: 0, lastTick: 0, tick: 0, drawsSinceSeek: 0, lastSeekMs: 0, players: 0, seek: async () => {} };
  window.__replay = hook;
  let rec: Recording;
  try {
    const res = await fetch(`/api/replays/${encodeURIComponent(recordingId)}`);
    if (!res.ok) throw new Error(`${res.status}: ${((await res.json().catch(() => ({}))) as { error?: string }).error ?? res.statusText}`);
    rec = Recording.parse(new Uint8Array(await res.arrayBuffer()));
    if (rec.chunks.length === 0) throw new Error("the recording holds no frames yet");
  } catch (e) {
    hook.error = (e as Error).message;
    const banner = $("replay-error");
    banner.textContent = `Cannot play replay ${recordingId}: ${hook.error}`;
    banner.hidden = false;
    return;
  }
  const player = new ReplayPlayer(rec);
  const rate = rec.welcome.tickRate || 20;
  let seekStarted = 0;
  const seek = async (tick: number) => {
    seekStarted = performance.now();
    hook.drawsSinceSeek = 0;
    await player.seek(tick);
  };
  Object.assign(hook, { game: rec.header.game, firstTick: rec.firstTick, lastTick: rec.lastTick, seek });

  seekBar.min = String(rec.firstTick);
  seekBar.max = String(rec.lastTick);
  for (const s of REPLAY_SPEEDS) speedSelect.add(new Option(`${s}×`, String(s), s === 1, s === 1));
  speedSelect.addEventListener("change", () => (player.speed = Number(speedSelect.value)));
  playButton.addEventListener("click", () => (player.paused ? player.play() : player.pause()));
  let dragging = false;
  seekBar.addEventListener("input", () => {
    dragging = true;
    void seek(Number(seekBar.value));
  });
  seekBar.addEventListener("change", () => (dragging = false));
  window.addEventListener("keydown", (e) => {
    if (e.code === "Space") {
      e.preventDefault();
      if (player.paused) player.play();
      else player.pause();
    }
  });
  const arena = rec.header.game === "arena";
  followSelect.disabled = !arena; // football shows the whole pitch, live and replayed
  let mode: CameraMode = { kind: "overview" };
  followSelect.addEventListener("change", () => (mode = followSelect.value ? { kind: "player", id: Number(followSelect.value) } : { kind: "overview" }));
  const arenaRenderer = arena ? new ArenaRenderer(canvas) : undefined;
  const footballRenderer = arena ? undefined : new FootballRenderer(canvas);
  const source = { mirror: player.mirror, clock: player.clock, welcome: rec.welcome, schema: player.schema, predictor: player.predictor, entityId: 0 };

  await seek(rec.firstTick);
  $("replay-bar").hidden = false;
  hook.ready = true;
  player.play();
  let last = performance.now();
  let lastPanel = 0;
  const loop = (now: number) => {
    requestAnimationFrame(loop);
    player.advance(now - last);
    last = now;
    let drawn = false;
    if (arenaRenderer) {
      const frame = arenaFrame(source, now, { interpolationDelayMs: 0 });
      arenaRenderer.draw(frame, arenaContext(rec.welcome, player.schema).rules, mode);
      drawn = frame !== undefined;
      hook.players = frame?.players.length ?? 0;
      if (now - lastPanel > 500 && frame) {
        lastPanel = now;
        syncFollow(frame.players.map((p) => ({ id: p.id, name: p.name })));
      }
    } else if (footballRenderer) {
      const { rules } = footballContext(rec.welcome, player.schema);
      const frame = footballFrame(source, now, { interpolationDelayMs: 0 });
      const m = frame?.match;
      footballRenderer.draw(frame, rules, { clock: m && frame ? roundClock(m, frame.edgeTick, rules) : undefined, banner: undefined, kicks: [] });
      drawn = frame !== undefined;
      hook.players = frame?.players.length ?? 0;
    }
    if (drawn && hook.drawsSinceSeek++ === 0) hook.lastSeekMs = performance.now() - seekStarted;
    hook.tick = player.tick;
    if (!dragging) seekBar.value = String(Math.round(player.tick));
    timeLabel.textContent = `${clock(player.tick - rec.firstTick, rate)} / ${clock(rec.lastTick - rec.firstTick, rate)}`;
    playButton.textContent = player.paused ? "Play" : "Pause";
  };
  requestAnimationFrame(loop);
}

/** Keeps the camera's choices in step with the players in the match. */
function syncFollow(players: { id: number; name: string }[]): void {
  const known = new Set([...followSelect.options].map((o) => o.value));
  for (const p of players) {
    if (!known.has(String(p.id))) followSelect.add(new Option(`follow ${p.name || `#${p.id}`}`, String(p.id)));
  }
}

function clock(ticks: number, rate: number): string {
  const s = Math.max(0, Math.floor(ticks / rate));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

interface ReplayEntry {
  id: string;
  game: string;
  players: string[];
  startedMs: number;
  durationMs: number;
  bytes: number;
  recording: boolean;
}

async function list(): Promise<void> {
  $("replay-list").hidden = false;
  const rows = $<HTMLTableSectionElement>("replays");
  try {
    const entries = (await (await fetch("/api/replays")).json()) as ReplayEntry[];
    if (entries.length === 0) rows.innerHTML = `<tr><td colspan="5">No recordings yet (the server records with RECORD=all).</td></tr>`;
    for (const e of entries) {
      const tr = rows.insertRow();
      const link = document.createElement("a");
      link.href = `/replay/${encodeURIComponent(e.id)}`;
      link.textContent = e.game + (e.recording ? " (live)" : "");
      tr.insertCell().append(link);
      tr.insertCell().textContent = e.players.join(", ");
      tr.insertCell().textContent = new Date(e.startedMs).toLocaleString();
      tr.insertCell().textContent = clock(e.durationMs / 50, 20);
      tr.insertCell().textContent = `${(e.bytes / 1024).toFixed(0)} KiB`;
    }
  } catch (e) {
    rows.textContent = `Cannot list replays: ${(e as Error).message}`;
  }
}
