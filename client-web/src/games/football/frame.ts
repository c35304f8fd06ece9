// What to draw at one instant, in map units: the football players (others interpolated, our
// own predicted), the ball (interpolated, carried on by its rate past the newest snapshot),
// and the match. A renderer only needs this; it never touches ticks or deltas.

import type { Welcome } from "../../gen/tickstream/v1/tickstream_pb.js";
import { interpolate, radiansFromSteps, type EntitySchema, type TickClock, type Vec2, type WorldMirror } from "../../protocol/index.js";
import { footballContext, kindOf, readField, type TeamName } from "./fields.js";
import { matchView, type MatchView } from "./match.js";
import { dashing } from "./movement.js";

export interface FootballPlayerView {
  readonly id: number;
  readonly name: string;
  /** Centre, map units. */
  readonly x: number;
  readonly y: number;
  readonly team: TeamName;
  /** Direction of its last movement in radians, 0 = +x, clockwise on a y-down screen. */
  readonly facing: number;
  /** Whether it is dashing now. */
  readonly dashing: boolean;
  /** Goals this round, own goals excluded. */
  readonly goals: number;
  /** The player this client steers (drawn at its predicted position). */
  readonly self: boolean;
}

export interface BallView {
  readonly id: number;
  /** Centre, map units. */
  readonly x: number;
  readonly y: number;
}

export interface FootballFrame {
  /** The (fractional) tick the pitch is shown at: the clock's edge minus the delay. */
  readonly tick: number;
  /** The clock's edge: the newest tick expected by now (for the round clock). */
  readonly edgeTick: number;
  /** True when interpolation ran out of states (the ball is then carried on by its rate). */
  readonly underrun: boolean;
  readonly players: readonly FootballPlayerView[];
  readonly ball: BallView | undefined;
  readonly match: MatchView | undefined;
  /** This client's player, also in `players`. */
  readonly self: FootballPlayerView | undefined;
}

/** The parts of a Session a frame is made from (a Session satisfies it). */
export interface FootballFrameSource {
  readonly mirror: WorldMirror | undefined;
  readonly clock: Pick<TickClock, "tickAt"> | undefined;
  readonly welcome: Welcome | undefined;
  readonly schema: EntitySchema | undefined;
  /** The steered player's prediction: where to draw it (map units), and its state (its dash tick). */
  readonly predictor: { renderPosition(nowMs: number, stepMs: number): Vec2 | undefined; readonly position?: { readonly dashTick?: number } | undefined };
  readonly entityId: number;
}

export interface FootballFrameOptions {
  /** How far behind the newest snapshot the pitch is drawn, in ms. @default 100 */
  readonly interpolationDelayMs?: number;
  /** At most this many ticks of ball flight past the newest snapshot. @default 3 */
  readonly maxExtrapolationTicks?: number;
}

/** Builds the frame to draw at local time `nowMs`; undefined before the first snapshot. */
export function footballFrame(source: FootballFrameSource, nowMs: number, options: FootballFrameOptions = {}): FootballFrame | undefined {
  const { mirror, clock, welcome, schema } = source;
  if (!mirror || !clock || !welcome || !schema) return undefined;
  const { rules, fields: f } = footballContext(welcome, schema);
  const edge = clock.tickAt(nowMs);
  const newest = mirror.latest;
  if (edge === undefined || !newest) return undefined;
  const renderTick = edge - ((options.interpolationDelayMs ?? 100) * rules.tickRate) / 1000;
  const frame = interpolate(mirror.states(), renderTick, schema.interpolation(["team"]));
  if (!frame) return undefined;

  const scale = rules.positionScale;
  const predicted = source.predictor.renderPosition(nowMs, 1000 / rules.tickRate);
  const players: FootballPlayerView[] = [];
  let ball: BallView | undefined;
  let match: MatchView | undefined;
  let self: FootballPlayerView | undefined;
  for (const e of frame.entities) {
    const read = (name: Parameters<typeof readField>[2]) => readField(f, e.values, name);
    const kind = kindOf(f, e.values);
    if (kind === "player") {
      const isSelf = e.id === source.entityId;
      const dashTick = isSelf ? (source.predictor.position?.dashTick ?? read("dash_tick")) : read("dash_tick");
      const player: FootballPlayerView = {
        id: e.id,
        name: e.name,
        x: isSelf && predicted ? predicted.x : read("x") / scale,
        y: isSelf && predicted ? predicted.y : read("y") / scale,
        team: f.teams[read("team")] ?? "red",
        facing: radiansFromSteps(read("facing"), f.facingSteps),
        dashing: dashing(dashTick, Math.floor(isSelf ? edge : frame.tick), rules),
        goals: read("goals"),
        self: isSelf,
      };
      players.push(player);
      if (isSelf) self = player;
    } else if (kind === "ball") {
      // Past the newest state, the ball rolls on by its rate (wire units per tick) for a few ticks.
      const ahead = frame.underrun ? Math.min(renderTick - newest.tick, options.maxExtrapolationTicks ?? 3) : 0;
      const x = (read("x") + read("vx") * ahead) / scale;
      const y = (read("y") + read("vy") * ahead) / scale;
      ball = { id: e.id, x: Math.min(Math.max(x, 0), rules.mapWidth), y: Math.min(Math.max(y, 0), rules.mapHeight) };
    } else if (kind === "match") {
      match = matchView(f, e);
    }
  }
  return { tick: frame.tick, edgeTick: edge, underrun: frame.underrun, players, ball, match, self };
}
