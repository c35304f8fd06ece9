// Shows one arena Session on a canvas, for playing and for watching: an animation-frame loop
// that builds an ArenaFrame from the protocol module and hands it to the renderer, keeps the
// HUD and scoreboard fresh, and puts kills and chat lines in the feed.

import { arenaContext, arenaFrame, arenaGame, type ArenaFrame, type ArenaSession } from "../games/arena/index.js";
import { onGameEvents, type AnyGameClient, type Session, type Vec2 } from "../protocol/index.js";
import { ArenaRenderer, type CameraMode } from "../render/arena-renderer.js";
import { toScreen } from "../render/camera.js";
import { nameIn } from "./feed.js";
import type { Drawn, GameView, ViewElements } from "./game-ui.js";
import { renderHud, renderTable } from "./panels.js";

export interface ArenaViewOptions extends ViewElements {
  /** How far behind the newest snapshot others are drawn. @default 100 */
  readonly interpolationDelayMs?: number;
  /** Our own aim, newer than any snapshot (players only). */
  readonly selfAim?: () => number;
}

const PANEL_REFRESH_MS = 250;

export class ArenaView implements GameView {
  private readonly renderer: ArenaRenderer;
  private session: ArenaSession | undefined;
  private mode: CameraMode = { kind: "overview" };
  private frame: ArenaFrame | undefined;
  private raf = 0;
  private lastPanels = -Infinity;

  constructor(private readonly options: ArenaViewOptions) {
    this.renderer = new ArenaRenderer(options.canvas);
  }

  /** Starts showing `session`; players follow themselves, spectators see the whole map. */
  show(session: Session<AnyGameClient>): void {
    this.session = session as ArenaSession;
    this.mode = { kind: "self" };
    this.lastPanels = -Infinity;
    if (!this.raf) this.raf = requestAnimationFrame(this.loop);
  }

  stop(): void {
    cancelAnimationFrame(this.raf);
    this.raf = 0;
    this.session = undefined;
    this.frame = undefined;
  }

  /** Kills and chat lines into the feed, with the players' names. */
  readonly onEvent = onGameEvents(arenaGame, {
    kill: (kill) => this.options.feed?.push(`${this.name(kill.killer)} ✕ ${this.name(kill.victim)}`, kill.killer === this.session?.entityId ? "kill mine" : "kill"),
    chat: (line) => this.options.feed?.push(`${this.name(line.from)}: ${line.text}`, "chat"),
  });

  /** Follow a player (spectators), or the whole map with undefined. */
  follow(id: number | undefined): void {
    this.mode = id === undefined ? { kind: "overview" } : { kind: "player", id };
    this.lastPanels = -Infinity;
  }

  /** Switches a player between following itself and seeing the whole map. */
  toggleOverview(): void {
    this.mode = this.mode.kind === "overview" ? { kind: "self" } : { kind: "overview" };
  }

  /** Players and projectiles as last drawn (interpolated, or predicted for our own). */
  drawn(): Drawn[] {
    const f = this.frame;
    if (!f) return [];
    return [
      ...f.players.map((p) => ({ id: p.id, kind: "player", x: p.x, y: p.y, self: p.self })),
      ...f.projectiles.map((p) => ({ id: p.id, kind: "projectile", x: p.x, y: p.y, self: false })),
    ];
  }

  shown(): Record<string, string | number> {
    return { players: this.frame?.players.length ?? 0 };
  }

  /** Where our own player is on the canvas, in CSS pixels (to aim from). */
  selfOnCanvas(): Vec2 | undefined {
    const camera = this.renderer.lastCamera;
    const self = this.frame?.self;
    if (!camera || !self) return undefined;
    const s = toScreen(camera, self);
    const dpr = window.devicePixelRatio || 1;
    return { x: s.x / dpr, y: s.y / dpr };
  }

  private name(id: number): string {
    return nameIn(this.session, id);
  }

  private readonly loop = (): void => {
    this.raf = requestAnimationFrame(this.loop);
    const session = this.session;
    if (!session?.welcome || !session.schema) return;
    const { rules } = arenaContext(session.welcome, session.schema);
    const now = performance.now();
    this.frame = arenaFrame(session, now, {
      interpolationDelayMs: this.options.interpolationDelayMs,
      selfAim: session.isPlayer ? this.options.selfAim?.() : undefined,
    });
    if (this.frame) session.viewTick = this.frame.tick; // inputs say what the player saw
    this.renderer.draw(this.frame, rules, this.mode);
    if (now - this.lastPanels >= PANEL_REFRESH_MS) {
      this.lastPanels = now;
      renderHud(this.options.hud, session, now);
      this.renderScoreboard(session);
    }
  };

  /** Players by kills, then fewest deaths; a spectator follows the one it clicks. */
  private renderScoreboard(session: ArenaSession): void {
    const followed = this.mode.kind === "player" ? this.mode.id : session.entityId;
    const players = [...(this.frame?.players ?? [])].sort((a, b) => b.score - a.score || a.deaths - b.deaths || a.id - b.id);
    const rows = players.slice(0, 16).map((p, i) => ({
      cells: [String(i + 1), p.name || `#${p.id}`, String(p.score), String(p.deaths)],
      className: [p.self ? "self" : "", p.id === followed ? "followed" : ""].join(" ").trim(),
      onPick: session.isPlayer ? undefined : () => this.follow(p.id),
    }));
    renderTable(this.options.scoreboard, ["#", "player", "kills", "deaths"], rows);
  }
}
