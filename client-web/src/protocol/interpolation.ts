// Interpolation of remote entities between stored snapshot states.
//
// Other players are drawn a little in the past (about 100 ms, a couple of ticks at 20 Hz),
// between the two stored states around that moment, so their motion is smooth even though
// states arrive only 20 times a second and with jitter. It works on the mirror's states, so
// it needs no buffer of its own.

import type { EntityRow, WorldState } from "./mirror.js";

export interface InterpolationOptions {
  /** Indexes of the fields blended linearly (positions; EntitySchema.interpolation finds them). */
  readonly linear: readonly number[];
  /** Indexes of angle fields, blended the short way round a turn of `steps` steps. @default none */
  readonly angles?: readonly { readonly field: number; readonly steps: number }[];
  /** Indexes of fields whose change marks a discontinuity (a respawn): the entity snaps to the newer state. @default none */
  readonly breaks?: readonly number[];
}

/** An entity as it should be drawn: fields may be fractional. */
export interface InterpolatedEntity {
  readonly id: number;
  readonly name: string;
  readonly values: readonly number[];
}

export interface InterpolatedFrame {
  /** The tick this frame shows (fractional). */
  readonly tick: number;
  /** True when the wanted tick is past the newest state: the frame holds the newest one. */
  readonly underrun: boolean;
  readonly entities: readonly InterpolatedEntity[];
}

/**
 * Blends `states` (oldest first, as WorldMirror.states() gives them) at `tick`. Entities
 * are those of the newer state around `tick`; one absent from the older state, or across a
 * break, is shown as in the newer state. Returns undefined when there is no state at all.
 */
export function interpolate(states: readonly WorldState[], tick: number, options: InterpolationOptions): InterpolatedFrame | undefined {
  if (states.length === 0) return undefined;
  const newest = states[states.length - 1];
  if (tick >= newest.tick) {
    return { tick: newest.tick, underrun: tick > newest.tick, entities: copyAll(newest) };
  }
  let i = 0;
  while (states[i].tick < tick) i++;
  const b = states[i];
  if (i === 0 || b.tick === tick) return { tick: b.tick, underrun: false, entities: copyAll(b) };
  const a = states[i - 1];
  const alpha = (tick - a.tick) / (b.tick - a.tick);
  const entities: InterpolatedEntity[] = [];
  for (const row of b.entities.values()) {
    const old = a.entities.get(row.id);
    entities.push(old && !broken(old, row, options) ? blend(old, row, alpha, options) : copy(row));
  }
  return { tick, underrun: false, entities };
}

/** Linear blend of two values. */
export function lerp(a: number, b: number, alpha: number): number {
  return a + (b - a) * alpha;
}

/** Blend of two angles of `steps` per turn, the short way round, result in [0, steps). */
export function lerpAngle(a: number, b: number, alpha: number, steps: number): number {
  let d = (b - a) % steps;
  if (d > steps / 2) d -= steps;
  if (d < -steps / 2) d += steps;
  const v = (a + d * alpha) % steps;
  return v < 0 ? v + steps : v;
}

function broken(a: EntityRow, b: EntityRow, options: InterpolationOptions): boolean {
  for (const f of options.breaks ?? []) if (a.values[f] !== b.values[f]) return true;
  return false;
}

function blend(a: EntityRow, b: EntityRow, alpha: number, options: InterpolationOptions): InterpolatedEntity {
  const values = [...b.values];
  for (const f of options.linear) values[f] = lerp(a.values[f], b.values[f], alpha);
  for (const { field, steps } of options.angles ?? []) values[field] = lerpAngle(a.values[field], b.values[field], alpha, steps);
  return { id: b.id, name: b.name, values };
}

function copy(row: EntityRow): InterpolatedEntity {
  return { id: row.id, name: row.name, values: [...row.values] };
}

function copyAll(state: WorldState): InterpolatedEntity[] {
  return [...state.entities.values()].map(copy);
}
