// Draws a FootballFrame on a 2D canvas: the whole pitch with its lines and goals, players in
// their team's colour with their names, the ball, kicks, the score and the round clock in a
// strip above the pitch, and a banner for goals, kick-offs and the end of a round. Knows
// nothing of sockets or ticks.

import type { Announcement, FootballFrame, FootballPlayerView, FootballRules, RoundClock } from "../games/football/index.js";
import type { Vec2 } from "../protocol/index.js";
import { toScreen, type Camera } from "./camera.js";
import { teamColor } from "./colors.js";

/** What is drawn over the pitch besides the frame. */
export interface FootballOverlay {
  /** The round clock, undefined before the match row arrives. */
  readonly clock: RoundClock | undefined;
  /** The banner to show and how opaque (0..1: it fades out). */
  readonly banner: { readonly announcement: Announcement; readonly alpha: number } | undefined;
  /** Recent kicks: where (map units) and how far their ring has grown (0..1). */
  readonly kicks: readonly { readonly x: number; readonly y: number; readonly age: number }[];
}

/** Height of the score strip above the pitch, in CSS pixels. */
const STRIP_PX = 56;
/** Map units around the field for the goals' depth and a margin. */
const MARGIN_X = 70;
const MARGIN_Y = 30;
const GOAL_DEPTH = 40;
const FONT = "system-ui, -apple-system, 'Segoe UI', sans-serif";

export class FootballRenderer {
  private readonly ctx: CanvasRenderingContext2D;

  constructor(private readonly canvas: HTMLCanvasElement) {
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("2D canvas is not available");
    this.ctx = ctx;
  }

  /** Draws `frame` (or an empty pitch while none) with the overlay; returns the camera used. */
  draw(frame: FootballFrame | undefined, rules: FootballRules, overlay: FootballOverlay): Camera {
    const dpr = window.devicePixelRatio || 1;
    this.fitCanvas(dpr);
    const { width, height } = this.canvas;
    const strip = STRIP_PX * dpr;
    // The whole field (and its goals) fits below the strip.
    const scale = Math.min(width / (rules.mapWidth + 2 * MARGIN_X), (height - strip) / (rules.mapHeight + 2 * MARGIN_Y));
    const camera: Camera = { center: { x: rules.mapWidth / 2, y: rules.mapHeight / 2 - strip / 2 / scale }, scale, width, height };
    const ctx = this.ctx;
    ctx.fillStyle = "#0b0f14";
    ctx.fillRect(0, 0, width, height);
    this.drawPitch(camera, rules);
    for (const k of overlay.kicks) this.drawKick(camera, k, rules);
    for (const p of frame?.players ?? []) if (!p.self) this.drawPlayer(camera, p, rules, dpr);
    if (frame?.self) this.drawPlayer(camera, frame.self, rules, dpr); // own player on top
    if (frame?.ball) this.drawBall(camera, frame.ball, rules);
    this.drawStrip(frame, overlay.clock, dpr, strip);
    if (!frame) this.drawBanner({ title: "Waiting for the match…", detail: "", team: undefined, durationMs: 0 }, 0.8, camera, dpr);
    else if (overlay.banner) this.drawBanner(overlay.banner.announcement, overlay.banner.alpha, camera, dpr);
    return camera;
  }

  private fitCanvas(dpr: number): void {
    const w = Math.max(1, Math.round(this.canvas.clientWidth * dpr));
    const h = Math.max(1, Math.round(this.canvas.clientHeight * dpr));
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
    }
  }

  private drawPitch(camera: Camera, rules: FootballRules): void {
    const ctx = this.ctx;
    const { mapWidth: w, mapHeight: h, goalWidth } = rules;
    const at = (x: number, y: number) => toScreen(camera, { x, y });
    const rect = (x: number, y: number, rw: number, rh: number) => {
      const a = at(x, y);
      return [a.x, a.y, rw * camera.scale, rh * camera.scale] as const;
    };
    // Grass in stripes, then the goals behind the walls in the colour of the team that defends them.
    const stripes = 12;
    for (let i = 0; i < stripes; i++) {
      ctx.fillStyle = i % 2 === 0 ? "#2e7d3b" : "#2a7336";
      ctx.fillRect(...rect((w / stripes) * i, 0, w / stripes + 0.5 / camera.scale, h));
    }
    const mouthTop = h / 2 - goalWidth / 2;
    for (const [x, team] of [[-GOAL_DEPTH, "red"], [w, "blue"]] as const) {
      ctx.fillStyle = teamColor(team);
      ctx.globalAlpha = 0.45;
      ctx.fillRect(...rect(x, mouthTop, GOAL_DEPTH, goalWidth));
      ctx.globalAlpha = 1;
    }
    ctx.strokeStyle = "rgba(255, 255, 255, 0.85)";
    ctx.lineWidth = Math.max(1, 3 * camera.scale);
    ctx.strokeRect(...rect(0, 0, w, h));
    ctx.beginPath();
    const top = at(w / 2, 0);
    const bottom = at(w / 2, h);
    ctx.moveTo(top.x, top.y);
    ctx.lineTo(bottom.x, bottom.y);
    const c = at(w / 2, h / 2);
    ctx.moveTo(c.x + 90 * camera.scale, c.y);
    ctx.arc(c.x, c.y, 90 * camera.scale, 0, Math.PI * 2);
    ctx.stroke();
    const boxH = Math.min(h - 40, goalWidth + 200);
    ctx.strokeRect(...rect(0, h / 2 - boxH / 2, 160, boxH));
    ctx.strokeRect(...rect(w - 160, h / 2 - boxH / 2, 160, boxH));
    ctx.strokeRect(...rect(-GOAL_DEPTH, mouthTop, GOAL_DEPTH, goalWidth));
    ctx.strokeRect(...rect(w, mouthTop, GOAL_DEPTH, goalWidth));
    ctx.fillStyle = "#ffffff";
    for (const p of [c, at(0, mouthTop), at(0, mouthTop + goalWidth), at(w, mouthTop), at(w, mouthTop + goalWidth)]) {
      ctx.beginPath();
      ctx.arc(p.x, p.y, Math.max(1.5, 5 * camera.scale), 0, Math.PI * 2);
      ctx.fill();
    }
  }

  private drawKick(camera: Camera, kick: { x: number; y: number; age: number }, rules: FootballRules): void {
    const ctx = this.ctx;
    const s = toScreen(camera, kick);
    ctx.strokeStyle = `rgba(255, 255, 255, ${0.6 * (1 - kick.age)})`;
    ctx.lineWidth = Math.max(1, 2 * camera.scale);
    ctx.beginPath();
    ctx.arc(s.x, s.y, (rules.ballRadius + 40 * kick.age) * camera.scale, 0, Math.PI * 2);
    ctx.stroke();
  }

  private drawPlayer(camera: Camera, p: FootballPlayerView, rules: FootballRules, dpr: number): void {
    const ctx = this.ctx;
    const s = toScreen(camera, p);
    const r = Math.max(3 * dpr, rules.playerRadius * camera.scale);
    if (p.dashing) {
      ctx.fillStyle = "rgba(255, 255, 255, 0.25)";
      ctx.beginPath();
      ctx.arc(s.x, s.y, r * 1.45, 0, Math.PI * 2);
      ctx.fill();
    }
    ctx.fillStyle = teamColor(p.team);
    ctx.beginPath();
    ctx.arc(s.x, s.y, r, 0, Math.PI * 2);
    ctx.fill();
    ctx.strokeStyle = p.self ? "#ffffff" : "rgba(0, 0, 0, 0.45)";
    ctx.lineWidth = Math.max(1, (p.self ? 4 : 2) * camera.scale);
    ctx.stroke();
    // Facing: a light dot at the edge, where it last ran.
    ctx.fillStyle = "rgba(255, 255, 255, 0.9)";
    ctx.beginPath();
    ctx.arc(s.x + Math.cos(p.facing) * r * 0.62, s.y + Math.sin(p.facing) * r * 0.62, r * 0.24, 0, Math.PI * 2);
    ctx.fill();
    const label = p.name || `#${p.id}`;
    ctx.font = `${p.self ? "600 " : ""}${Math.round(Math.max(11 * dpr, 15 * camera.scale))}px ${FONT}`;
    ctx.textAlign = "center";
    ctx.textBaseline = "bottom";
    ctx.lineWidth = 3 * dpr;
    ctx.strokeStyle = "rgba(0, 0, 0, 0.55)";
    ctx.strokeText(label, s.x, s.y - r - 4 * dpr);
    ctx.fillStyle = "#ffffff";
    ctx.fillText(label, s.x, s.y - r - 4 * dpr);
  }

  private drawBall(camera: Camera, ball: Vec2, rules: FootballRules): void {
    const ctx = this.ctx;
    const s = toScreen(camera, ball);
    const r = Math.max(2.5, rules.ballRadius * camera.scale);
    ctx.fillStyle = "rgba(0, 0, 0, 0.3)";
    ctx.beginPath();
    ctx.ellipse(s.x + r * 0.25, s.y + r * 0.35, r, r * 0.8, 0, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = "#fbfbf7";
    ctx.strokeStyle = "#1b1f24";
    ctx.lineWidth = Math.max(1, 2 * camera.scale);
    ctx.beginPath();
    ctx.arc(s.x, s.y, r, 0, Math.PI * 2);
    ctx.fill();
    ctx.stroke();
  }

  /** The strip above the pitch: RED score : score BLUE in the middle, the clock under it. */
  private drawStrip(frame: FootballFrame | undefined, clock: RoundClock | undefined, dpr: number, strip: number): void {
    const ctx = this.ctx;
    const cx = this.canvas.width / 2;
    const m = frame?.match;
    ctx.textBaseline = "middle";
    ctx.font = `700 ${Math.round(22 * dpr)}px ${FONT}`;
    const mid = strip * 0.36;
    const score = m ? `${m.scoreRed} : ${m.scoreBlue}` : "– : –";
    const half = ctx.measureText(score).width / 2 + 12 * dpr;
    ctx.textAlign = "center";
    ctx.fillStyle = "#ffffff";
    ctx.fillText(score, cx, mid);
    ctx.textAlign = "right";
    ctx.fillStyle = teamColor("red");
    ctx.fillText("RED", cx - half, mid);
    ctx.textAlign = "left";
    ctx.fillStyle = teamColor("blue");
    ctx.fillText("BLUE", cx + half, mid);
    ctx.textAlign = "center";
    ctx.font = `${Math.round(13 * dpr)}px ${FONT}`;
    ctx.fillStyle = "#c9d6e2";
    const detail = clock ? [clock.label, clock.detail].filter(Boolean).join(" · ") : "";
    ctx.fillText(m && m.round > 0 ? `round ${m.round} · ${detail}` : detail, cx, strip * 0.78);
  }

  private drawBanner(a: Announcement, alpha: number, camera: Camera, dpr: number): void {
    const ctx = this.ctx;
    const cx = camera.width / 2;
    const cy = camera.height / 2 + (STRIP_PX * dpr) / 2;
    ctx.globalAlpha = Math.max(0, Math.min(1, alpha));
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.font = `800 ${Math.round(Math.min(64 * dpr, camera.width / 12))}px ${FONT}`;
    const titleW = ctx.measureText(a.title).width;
    ctx.font = `${Math.round(17 * dpr)}px ${FONT}`;
    const boxW = Math.max(titleW, ctx.measureText(a.detail).width) + 48 * dpr;
    const boxH = (a.detail ? 118 : 84) * dpr;
    ctx.fillStyle = "rgba(8, 12, 18, 0.72)";
    ctx.fillRect(cx - boxW / 2, cy - boxH / 2, boxW, boxH);
    ctx.fillStyle = a.team ? teamColor(a.team) : "#ffffff";
    ctx.fillRect(cx - boxW / 2, cy - boxH / 2, boxW, 4 * dpr);
    ctx.font = `800 ${Math.round(Math.min(64 * dpr, camera.width / 12))}px ${FONT}`;
    ctx.fillText(a.title, cx, cy - (a.detail ? 14 * dpr : 0));
    if (a.detail) {
      ctx.font = `${Math.round(17 * dpr)}px ${FONT}`;
      ctx.fillStyle = "#e8eef4";
      ctx.fillText(a.detail, cx, cy + 34 * dpr);
    }
    ctx.globalAlpha = 1;
  }
}
