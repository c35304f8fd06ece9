// Draws an ArenaFrame on a 2D canvas: the map and its grid, projectiles, players with names
// and health bars, and a minimap. Knows nothing of sockets or ticks.

import type { ArenaFrame, ArenaRules, PlayerView } from "../games/arena/index.js";
import { followCamera, onScreen, overviewCamera, toScreen, type Camera } from "./camera.js";
import { colorFor } from "./colors.js";

/** Whom the camera follows: this client's player, another player, or the whole map. */
export type CameraMode = { readonly kind: "self" } | { readonly kind: "player"; readonly id: number } | { readonly kind: "overview" };

export class ArenaRenderer {
  private readonly ctx: CanvasRenderingContext2D;
  private camera: Camera | undefined;

  constructor(private readonly canvas: HTMLCanvasElement) {
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("2D canvas is not available");
    this.ctx = ctx;
  }

  /** The camera of the last draw, to turn a mouse position into a map direction. */
  get lastCamera(): Camera | undefined {
    return this.camera;
  }

  /** Draws `frame` (or an empty map while none) and returns the camera used. */
  draw(frame: ArenaFrame | undefined, rules: ArenaRules, mode: CameraMode): Camera {
    const dpr = window.devicePixelRatio || 1;
    this.fitCanvas(dpr);
    const { width, height } = this.canvas;
    const { camera, following } = this.cameraFor(frame, rules, mode, width, height);
    this.camera = camera;
    const ctx = this.ctx;
    ctx.fillStyle = "#0b0f14";
    ctx.fillRect(0, 0, width, height);
    this.drawMap(camera, rules);
    if (frame) {
      for (const p of frame.projectiles) this.drawProjectile(camera, p.x, p.y, p.heading, colorFor(p.owner), dpr);
      for (const p of frame.players) if (!p.self) this.drawPlayer(camera, p, rules, dpr);
      if (frame.self) this.drawPlayer(camera, frame.self, rules, dpr); // own player on top
      if (following) this.drawMinimap(frame, rules, camera, dpr);
    }
    return camera;
  }

  private cameraFor(frame: ArenaFrame | undefined, rules: ArenaRules, mode: CameraMode, width: number, height: number) {
    const target =
      mode.kind === "self" ? frame?.self : mode.kind === "player" ? frame?.players.find((p) => p.id === mode.id) : undefined;
    if (target) return { camera: followCamera(target, width, height), following: true };
    // Nothing to follow (a spectator, or the followed player left): show the whole map.
    return { camera: overviewCamera(rules.mapWidth, rules.mapHeight, width, height), following: false };
  }

  private fitCanvas(dpr: number): void {
    const w = Math.max(1, Math.round(this.canvas.clientWidth * dpr));
    const h = Math.max(1, Math.round(this.canvas.clientHeight * dpr));
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
    }
  }

  private drawMap(camera: Camera, rules: ArenaRules): void {
    const ctx = this.ctx;
    const tl = toScreen(camera, { x: 0, y: 0 });
    const br = toScreen(camera, { x: rules.mapWidth, y: rules.mapHeight });
    ctx.fillStyle = "#121a23";
    ctx.fillRect(tl.x, tl.y, br.x - tl.x, br.y - tl.y);
    // A grid makes movement visible even when nothing else is on screen.
    const step = camera.scale * 100 >= 24 ? 100 : 500;
    ctx.strokeStyle = "#1c2733";
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let x = step; x < rules.mapWidth; x += step) {
      const sx = Math.round(toScreen(camera, { x, y: 0 }).x) + 0.5;
      if (sx < 0 || sx > camera.width) continue;
      ctx.moveTo(sx, Math.max(0, tl.y));
      ctx.lineTo(sx, Math.min(camera.height, br.y));
    }
    for (let y = step; y < rules.mapHeight; y += step) {
      const sy = Math.round(toScreen(camera, { x: 0, y }).y) + 0.5;
      if (sy < 0 || sy > camera.height) continue;
      ctx.moveTo(Math.max(0, tl.x), sy);
      ctx.lineTo(Math.min(camera.width, br.x), sy);
    }
    ctx.stroke();
    ctx.strokeStyle = "#3d5468";
    ctx.lineWidth = 3;
    ctx.strokeRect(tl.x, tl.y, br.x - tl.x, br.y - tl.y);
  }

  private drawProjectile(camera: Camera, x: number, y: number, heading: number, color: string, dpr: number): void {
    if (!onScreen(camera, { x, y }, 30)) return;
    const ctx = this.ctx;
    const s = toScreen(camera, { x, y });
    const tail = 18 * camera.scale;
    ctx.strokeStyle = color;
    ctx.globalAlpha = 0.5;
    ctx.lineWidth = Math.max(1, 2 * camera.scale);
    ctx.beginPath();
    ctx.moveTo(s.x - Math.cos(heading) * tail, s.y - Math.sin(heading) * tail);
    ctx.lineTo(s.x, s.y);
    ctx.stroke();
    ctx.globalAlpha = 1;
    ctx.fillStyle = "#fff6d5";
    ctx.beginPath();
    ctx.arc(s.x, s.y, Math.max(1.5 * dpr, 4 * camera.scale), 0, Math.PI * 2);
    ctx.fill();
  }

  private drawPlayer(camera: Camera, p: PlayerView, rules: ArenaRules, dpr: number): void {
    const r = rules.playerRadius;
    if (!onScreen(camera, p, r + 40)) return;
    const ctx = this.ctx;
    const s = toScreen(camera, p);
    const sr = Math.max(2 * dpr, r * camera.scale);
    const color = colorFor(p.id);
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.arc(s.x, s.y, sr, 0, Math.PI * 2);
    ctx.fill();
    if (p.self) {
      ctx.strokeStyle = "#ffffff";
      ctx.lineWidth = Math.max(1, 3 * camera.scale);
      ctx.stroke();
    }
    // Aim: a short barrel in the aim direction.
    ctx.strokeStyle = "#e8eef4";
    ctx.lineWidth = Math.max(1, 4 * camera.scale);
    ctx.beginPath();
    ctx.moveTo(s.x + Math.cos(p.aim) * sr * 0.5, s.y + Math.sin(p.aim) * sr * 0.5);
    ctx.lineTo(s.x + Math.cos(p.aim) * (sr + 10 * camera.scale), s.y + Math.sin(p.aim) * (sr + 10 * camera.scale));
    ctx.stroke();
    // Bars and names keep a readable size when the whole map is shown.
    const barW = Math.max(24 * dpr, 44 * camera.scale);
    const barH = Math.max(3 * dpr, 6 * camera.scale);
    const barY = s.y - sr - Math.max(3 * dpr, 10 * camera.scale) - barH;
    const hp = Math.max(0, Math.min(1, p.hp / rules.maxHp));
    ctx.fillStyle = "#2a1a1a";
    ctx.fillRect(s.x - barW / 2, barY, barW, barH);
    ctx.fillStyle = hp > 0.5 ? "#4cd964" : hp > 0.25 ? "#ffcc00" : "#ff3b30";
    ctx.fillRect(s.x - barW / 2, barY, barW * hp, barH);
    if (p.name) {
      ctx.font = `${Math.round(Math.max(10 * dpr, 14 * camera.scale))}px system-ui, sans-serif`;
      ctx.textAlign = "center";
      ctx.textBaseline = "bottom";
      ctx.fillStyle = p.self ? "#ffffff" : "#c9d6e2";
      ctx.fillText(p.name, s.x, barY - 3 * camera.scale);
    }
  }

  private drawMinimap(frame: ArenaFrame, rules: ArenaRules, camera: Camera, dpr: number): void {
    const ctx = this.ctx;
    const size = 140 * dpr;
    const pad = 12 * dpr;
    const x0 = pad;
    const y0 = camera.height - size - pad;
    const k = size / Math.max(rules.mapWidth, rules.mapHeight);
    ctx.fillStyle = "rgba(10, 14, 20, 0.75)";
    ctx.fillRect(x0, y0, rules.mapWidth * k, rules.mapHeight * k);
    ctx.strokeStyle = "#3d5468";
    ctx.lineWidth = 1;
    ctx.strokeRect(x0, y0, rules.mapWidth * k, rules.mapHeight * k);
    for (const p of frame.players) {
      ctx.fillStyle = p.self ? "#ffffff" : colorFor(p.id);
      const d = (p.self ? 3 : 2) * dpr;
      ctx.fillRect(x0 + p.x * k - d, y0 + p.y * k - d, 2 * d, 2 * d);
    }
    // The part of the map the main view shows.
    const vw = camera.width / camera.scale;
    const vh = camera.height / camera.scale;
    ctx.strokeStyle = "rgba(255, 255, 255, 0.4)";
    ctx.strokeRect(x0 + (camera.center.x - vw / 2) * k, y0 + (camera.center.y - vh / 2) * k, vw * k, vh * k);
  }
}
