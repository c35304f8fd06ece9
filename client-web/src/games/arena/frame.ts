// What to draw at one instant, in map units: the arena's entities with interpolation,
// prediction and extrapolation already applied. A renderer (canvas, WebGL, a terminal) only
// needs this; it never touches ticks or deltas.

import type { Welcome } from "../../gen/tickstream/v1/tickstream_pb.js";
import { interpolate, radiansFromSteps, type EntitySchema, type TickClock, type Vec2, type WorldMirror } from "../../protocol/index.js";
import { arenaContext } from "./fields.js";
import { projectileInFlight, projectilePosition } from "./rules.js";

export interface PlayerView {
  readonly id: number;
  readonly name: string;
  readonly x: number;
  readonly y: number;
  /** Aim in radians, 0 = +x, clockwise on a y-down screen. */
  readonly aim: number;
  readonly hp: number;
  readonly score: number;
  readonly deaths: number;
  /** The entity this client steers (drawn at its predicted position). */
  readonly self: boolean;
}

export interface ProjectileView {
  readonly id: number;
  readonly owner: number;
  readonly x: number;
  readonly y: number;
  /** Direction in radians. */
  readonly heading: number;
}

export interface ArenaFrame {
  /** The (fractional) tick remote entities are shown at: the clock's edge minus the delay. */
  readonly tick: number;
  /** True when interpolation ran out of states and holds the newest one. */
  readonly underrun: boolean;
  readonly players: readonly PlayerView[];
  readonly projectiles: readonly ProjectileView[];
  /** This client's player, also in `players`. */
  readonly self: PlayerView | undefined;
}

/** The parts of a Session a frame is made from (a Session satisfies it). */
export interface FrameSource {
  readonly mirror: WorldMirror | undefined;
  readonly clock: Pick<TickClock, "tickAt"> | undefined;
  readonly welcome: Welcome | undefined;
  readonly schema: EntitySchema | undefined;
  /** The steered player's predicted position, in map units. */
  readonly predictor: { renderPosition(nowMs: number, stepMs: number): Vec2 | undefined };
  readonly entityId: number;
}

export interface FrameOptions {
  /** How far behind the newest snapshot remote entities are drawn, in ms. @default 100 */
  readonly interpolationDelayMs?: number;
  /** Aim to show for this client's player (radians), e.g. the mouse's, which is newer than any snapshot. @default the aim in the snapshots */
  readonly selfAim?: number;
}

/** Builds the frame to draw at local time `nowMs`; undefined before the first snapshot. */
export function arenaFrame(source: FrameSource, nowMs: number, options: FrameOptions = {}): ArenaFrame | undefined {
  const { mirror, clock, welcome, schema } = source;
  if (!mirror || !clock || !welcome || !schema) return undefined;
  const { rules, fields: f } = arenaContext(welcome, schema);
  const edge = clock.tickAt(nowMs);
  if (edge === undefined) return undefined;
  const delayTicks = ((options.interpolationDelayMs ?? 100) * rules.tickRate) / 1000;
  const renderTick = edge - delayTicks;
  const frame = interpolate(mirror.states(), renderTick, {
    linear: [f.x, f.y],
    angles: f.aim >= 0 ? [{ field: f.aim, steps: f.aimSteps }] : [],
    breaks: f.deaths >= 0 ? [f.deaths] : [],
  });
  if (!frame) return undefined;

  const scale = rules.positionScale;
  const field = (values: readonly number[], i: number) => (i >= 0 ? values[i] : 0);
  const predicted = source.predictor.renderPosition(nowMs, 1000 / rules.tickRate);
  const players: PlayerView[] = [];
  const projectiles: ProjectileView[] = [];
  let self: PlayerView | undefined;
  const addProjectile = (id: number, v: readonly number[], t: number) => {
    if (!projectileInFlight(v, t, f, rules)) return;
    const p = projectilePosition(v, t, f, rules);
    projectiles.push({ id, owner: field(v, f.owner), x: p.x, y: p.y, heading: radiansFromSteps(field(v, f.heading), f.headingSteps) });
  };
  for (const e of frame.entities) {
    const v = e.values;
    const kind = field(v, f.kind);
    if (kind === f.player && f.player !== 0) {
      const isSelf = e.id === source.entityId;
      const player: PlayerView = {
        id: e.id,
        name: e.name,
        x: isSelf && predicted ? predicted.x : v[f.x] / scale,
        y: isSelf && predicted ? predicted.y : v[f.y] / scale,
        aim: isSelf && options.selfAim !== undefined ? options.selfAim : radiansFromSteps(field(v, f.aim), f.aimSteps),
        hp: field(v, f.hp),
        score: field(v, f.score),
        deaths: field(v, f.deaths),
        self: isSelf,
      };
      players.push(player);
      if (isSelf) self = player;
    } else if (kind === f.projectile && f.projectile !== 0 && field(v, f.owner) !== source.entityId) {
      // Others' shots fly on the interpolated clock, in step with the players they hit.
      // (Extrapolated even when interpolation holds a state: their flight is known exactly.)
      addProjectile(e.id, v, renderTick);
    }
  }
  // Our own shots come from the newest state and fly on the present clock, so they leave our
  // (predicted) player without the interpolation delay.
  for (const row of mirror.latest?.entities.values() ?? []) {
    if (f.projectile !== 0 && field(row.values, f.kind) === f.projectile && source.entityId !== 0 && field(row.values, f.owner) === source.entityId) {
      addProjectile(row.id, row.values, edge);
    }
  }
  return { tick: frame.tick, underrun: frame.underrun, players, projectiles, self };
}
