// Shows one Session on a canvas, for playing and for watching: an animation-frame loop that
// builds an ArenaFrame from the protocol module and hands it to the renderer, and keeps the
// HUD and scoreboard fresh. The game page and the monitor's spectator view both use it.

import { arenaContext, arenaFrame, type ArenaFrame, type ArenaSession } from "../games/arena/index.js";
import type { Vec2 } from "../protocol/index.js";
import { ArenaRenderer, type CameraMode } from "../render/arena-renderer.js";
import { toScreen } from "../render/camera.js";
import { renderHud, renderScoreboard } from "./panels.js";

export interface ArenaViewOptions {
  /** Where the arena is drawn; sized by CSS, drawn at the device's pixel ratio. */
  readonly canvas: HTMLCanvasElement;
  /** Panel for ping, tick rate, bandwidth (refreshed 4 times a second). */
  readonly hud: HTMLElement;
  /** Panel for the players by kills. */
  readonly scoreboard: HTMLElement;
  /** How far behind the newest snapshot others are drawn. @default 100 */
  readonly interpolationDelayMs?: number;
  /** Our own aim, newer than any snapshot (players only). */
  readonly selfAim?: () => number;
}

const PANEL_REFRESH_MS = 250;

export class ArenaView {
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
  show(session: ArenaSession): void {
    this.session = session;
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

  /** Follow a player (spectators), or the whole map with undefined. */
  follow(id: number | undefined): void {
    this.mode = id === undefined ? { kind: "overview" } : { kind: "player", id };
    this.lastPanels = -Infinity;
  }

  /** Switches a player between following itself and seeing the whole map. */
  toggleOverview(): void {
    this.mode = this.mode.kind === "overview" ? { kind: "self" } : { kind: "overview" };
  }

  /** The frame last drawn (the test hook reads it). */
  get lastFrame(): ArenaFrame | undefined {
    return this.frame;
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
    this.renderer.draw(this.frame, rules, this.mode);
    if (now - this.lastPanels >= PANEL_REFRESH_MS) {
      this.lastPanels = now;
      renderHud(this.options.hud, session, now);
      const followed = this.mode.kind === "player" ? this.mode.id : session.entityId;
      renderScoreboard(this.options.scoreboard, this.frame, followed, session.isPlayer ? undefined : (id) => this.follow(id));
    }
  };
}
