// Shows one football Session on a canvas, for playing and for watching: an animation-frame
// loop that builds a FootballFrame and hands it to the renderer with the round clock, the
// banner of the last goal, kick-off or round end, and recent kicks; keeps the HUD and the
// scoreboard (score, players by team) fresh and puts goals in the feed.

import {
  announce,
  feedLine,
  footballContext,
  footballFrame,
  footballGame,
  roundClock,
  scoreLine,
  teamLabel,
  type Announcement,
  type FootballEvent,
  type FootballFrame,
  type FootballSession,
} from "../games/football/index.js";
import { onGameEvents, type AnyGameClient, type Session } from "../protocol/index.js";
import { FootballRenderer } from "../render/football-renderer.js";
import type { Drawn, GameView, ViewElements, ViewOptions } from "./game-ui.js";
import { renderHud, renderTable } from "./panels.js";

const PANEL_REFRESH_MS = 250;
/** How long a kick's ring grows, and a banner's fade-out, in ms. */
const KICK_RING_MS = 350;
const FADE_MS = 400;

export class FootballView implements GameView {
  private readonly renderer: FootballRenderer;
  private session: FootballSession | undefined;
  private frame: FootballFrame | undefined;
  private banner: { announcement: Announcement; at: number } | undefined;
  private kicks: { x: number; y: number; at: number }[] = [];
  private raf = 0;
  private lastPanels = -Infinity;

  constructor(private readonly options: ViewElements & ViewOptions) {
    this.renderer = new FootballRenderer(options.canvas);
  }

  show(session: Session<AnyGameClient>): void {
    this.session = session as FootballSession;
    this.banner = undefined;
    this.kicks = [];
    this.lastPanels = -Infinity;
    if (!this.raf) this.raf = requestAnimationFrame(this.loop);
  }

  stop(): void {
    cancelAnimationFrame(this.raf);
    this.raf = 0;
    this.session = undefined;
    this.frame = undefined;
  }

  /** Goals, kick-offs and round ends as banners (goals in the feed too); kicks as rings. */
  readonly onEvent = onGameEvents(footballGame, {
    goal: (message) => this.announce({ name: "goal", message }),
    kickoff: (message) => this.announce({ name: "kickoff", message }),
    round_over: (message) => this.announce({ name: "round_over", message }),
    kick: (kick) => {
      const scale = this.session?.welcome?.positionScale || 1;
      this.kicks.push({ x: kick.x / scale, y: kick.y / scale, at: performance.now() });
    },
  });

  /** Players and the ball as last drawn (interpolated, or predicted for our own player). */
  drawn(): Drawn[] {
    const f = this.frame;
    if (!f) return [];
    const players = f.players.map((p) => ({ id: p.id, kind: "player", x: p.x, y: p.y, self: p.self }));
    return f.ball ? [...players, { id: f.ball.id, kind: "ball", x: f.ball.x, y: f.ball.y, self: false }] : players;
  }

  /** The score, phase, clock and banner as last drawn. */
  shown(): Record<string, string | number> {
    const m = this.frame?.match;
    if (!m || !this.frame) return {};
    const clock = this.session?.welcome && this.session.schema ? roundClock(m, this.frame.edgeTick, footballContext(this.session.welcome, this.session.schema).rules) : undefined;
    return {
      score: scoreLine(m.scoreRed, m.scoreBlue),
      scoreRed: m.scoreRed,
      scoreBlue: m.scoreBlue,
      phase: m.phase,
      clock: clock?.label ?? "",
      banner: this.banner?.announcement.title ?? "",
    };
  }

  private announce(event: FootballEvent): void {
    const nameOf = (id: number) => this.session?.mirror?.latest?.entities.get(id)?.name ?? "";
    this.banner = { announcement: announce(event, nameOf), at: performance.now() };
    const line = feedLine(event, nameOf);
    if (line) this.options.feed?.push(line, "goal");
  }

  private readonly loop = (): void => {
    this.raf = requestAnimationFrame(this.loop);
    const session = this.session;
    if (!session?.welcome || !session.schema) return;
    const { rules } = footballContext(session.welcome, session.schema);
    const now = performance.now();
    this.frame = footballFrame(session, now, { interpolationDelayMs: this.options.interpolationDelayMs });
    if (this.frame) session.viewTick = this.frame.tick; // inputs say what the player saw
    const m = this.frame?.match;
    let banner: { announcement: Announcement; alpha: number } | undefined;
    if (this.banner) {
      const left = this.banner.announcement.durationMs - (now - this.banner.at);
      if (left > 0) banner = { announcement: this.banner.announcement, alpha: Math.min(1, left / FADE_MS) };
      else this.banner = undefined;
    }
    this.kicks = this.kicks.filter((k) => now - k.at < KICK_RING_MS);
    this.renderer.draw(this.frame, rules, {
      clock: m && this.frame ? roundClock(m, this.frame.edgeTick, rules) : undefined,
      banner,
      kicks: this.kicks.map((k) => ({ x: k.x, y: k.y, age: (now - k.at) / KICK_RING_MS })),
    });
    if (now - this.lastPanels >= PANEL_REFRESH_MS) {
      this.lastPanels = now;
      renderHud(this.options.hud, session, now);
      this.renderScoreboard();
    }
  };

  /** The score as the caption, then the players by team (red first) and goals. */
  private renderScoreboard(): void {
    const f = this.frame;
    const teamOrder = (team: string) => (team === "red" ? 0 : team === "blue" ? 1 : 2);
    const players = [...(f?.players ?? [])].sort((a, b) => teamOrder(a.team) - teamOrder(b.team) || b.goals - a.goals || a.id - b.id);
    const rows = players.map((p) => ({
      cells: [teamLabel(p.team), p.name || `#${p.id}`, String(p.goals)],
      className: [`team-${p.team}`, p.self ? "self" : ""].join(" ").trim(),
    }));
    const m = f?.match;
    const caption = m ? `${scoreLine(m.scoreRed, m.scoreBlue)}${m.teamSize ? ` · ${m.teamSize}v${m.teamSize}` : ""}` : "Red – : – Blue";
    renderTable(this.options.scoreboard, ["team", "player", "goals"], rows, caption);
  }
}
