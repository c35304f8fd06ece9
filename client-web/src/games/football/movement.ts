// The one piece of the football game a client repeats exactly: one tick of its own player's
// movement (FootballGame's Javadoc, FootballPhysics.stepAlong and movePlayer). Everything is
// in wire units and integers, with the same IEEE double operations in the same order, so a
// prediction agrees with the server to the wire unit. The ball is the server's alone.

import type { Vec2 } from "../../protocol/index.js";
import type { MatchView } from "./match.js";
import type { FootballRules } from "./rules.js";

/** The part of the match that decides whether players may move at a tick. */
export type MatchTimes = Pick<MatchView, "phase" | "phaseEnd" | "roundEnd">;

/**
 * The predicted player: its position in map units (x, y, for drawing) and in wire units
 * (wx, wy, what the rule steps), when its last dash began, the tick the next step runs at,
 * and the match times that freeze it.
 */
export interface FootballState extends Vec2 {
  /** Centre, wire units (map units × position scale). */
  readonly wx: number;
  readonly wy: number;
  /** Tick the player's last dash began, 0 for none (the row's dash_tick). */
  readonly dashTick: number;
  /** The server tick the next input steps (the snapshot's tick + 1, then one more per input). */
  readonly tick: number;
  /** The match as of the snapshot, undefined when the room sent none (nothing freezes). */
  readonly match: MatchTimes | undefined;
}

/** What one tick of movement reads of an input (FootballInput: stick -127..127 per axis, dash held or pressed). */
export interface MoveIntent {
  readonly moveX: number;
  readonly moveY: number;
  readonly dash: boolean;
}

/**
 * The wire units a player moves along one axis in one tick (FootballPhysics.stepAlong): 0
 * for a centred stick, else trunc(move / len · perTick) with len = √(moveX² + moveY²) and
 * perTick = speed · scale · min(1, len / 127) / tickRate, in this order. `move` is moveX for
 * the x step and moveY for the y step; `speed` in map units per second.
 */
export function stepAlong(move: number, moveX: number, moveY: number, speed: number, scale: number, tickRate: number): number {
  const len = Math.sqrt(moveX * moveX + moveY * moveY);
  if (len === 0) return 0;
  const perTick = (speed * scale * Math.min(1.0, len / 127.0)) / tickRate;
  return Math.trunc((move / len) * perTick) | 0; // (int) in Java: towards zero, never -0
}

/** Whether a player whose last dash began at `dashTick` dashes during `tick`. */
export function dashing(dashTick: number, tick: number, rules: Pick<FootballRules, "dashTicks">): boolean {
  return dashTick !== 0 && tick - dashTick < rules.dashTicks;
}

/**
 * Whether players stand still at `tick` (FootballMatch.playersFrozen after its advance): in a
 * kick-off until phase_end (at phase_end play starts), unless the round's clock ran out first;
 * and in the kick-off that a goal's or a round's pause ends in, which starts at their phase_end.
 */
export function frozenAt(match: MatchTimes | undefined, tick: number, rules: Pick<FootballRules, "kickoffTicks">): boolean {
  if (!match || match.phaseEnd === 0) return false;
  const roundRuns = (t: number) => match.roundEnd === 0 || t < match.roundEnd;
  switch (match.phase) {
    case "kickoff":
      return tick < match.phaseEnd && roundRuns(tick);
    case "goal":
      return tick >= match.phaseEnd && tick < match.phaseEnd + rules.kickoffTicks && roundRuns(tick);
    case "over": // the next round kicks off at phase_end (when both teams still have players)
      return tick >= match.phaseEnd && tick < match.phaseEnd + rules.kickoffTicks;
    default:
      return false;
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/**
 * One tick of the own player, exactly as FootballPhysics.movePlayer: frozen, or a centred
 * stick, leaves it where it is; otherwise a dash starts first if asked for and ready
 * (dash_tick 0 or at least dashCooldownTicks ago), then it moves by stepAlong at dashSpeed
 * while dashing (dashTicks from dash_tick) or playerSpeed, clamped to [minX, maxX] × [minY, maxY].
 */
export function stepFootballer(state: FootballState, input: MoveIntent, rules: FootballRules): FootballState {
  const t = state.tick;
  const next = { ...state, tick: t + 1 };
  const { moveX, moveY } = input;
  if (frozenAt(state.match, t, rules) || (moveX === 0 && moveY === 0)) return next;
  let dashTick = state.dashTick;
  if (input.dash && (dashTick === 0 || t - dashTick >= rules.dashCooldownTicks)) dashTick = t;
  const speed = dashing(dashTick, t, rules) ? rules.dashSpeed : rules.playerSpeed;
  const { positionScale: scale, tickRate } = rules;
  const wx = clamp(state.wx + stepAlong(moveX, moveX, moveY, speed, scale, tickRate), rules.minX, rules.maxX);
  const wy = clamp(state.wy + stepAlong(moveY, moveX, moveY, speed, scale, tickRate), rules.minY, rules.maxY);
  return { ...next, wx, wy, x: wx / scale, y: wy / scale, dashTick };
}
