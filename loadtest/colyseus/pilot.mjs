// One bot's intent, beat by beat: the reference workload's "wander" (Tickstream's Pilot,
// docs/BENCHMARKS.md "The reference workload"): every 1-2 s (uniform) a new direction at
// least 45 degrees from the last, pointing inward within 150 units of a wall; a random aim;
// with probability 0.3 fire until the next change. Seeded, so a run repeats.

export const WALL_MARGIN = 150;
export const MIN_TURN = Math.PI / 4;
export const FIRE_PROBABILITY = 0.3;
const MAX_TRIES = 32;
const TWO_PI = 2 * Math.PI;

/** A small seeded generator (mulberry32): uniform in [0, 1). */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const normalize = (a) => {
  const r = a % TWO_PI;
  return r < 0 ? r + TWO_PI : r;
};

export const angleToAim = (rad) => Math.round((normalize(rad) / TWO_PI) * 65536) & 0xffff;

export class Pilot {
  /** @param rnd a generator from {@link random}; width, height: the map in units */
  constructor(rnd, width, height) {
    this.rnd = rnd;
    this.width = width;
    this.height = height;
    this.heading = rnd() * TWO_PI;
    this.nextChangeMs = 0;
    this.started = false;
    this.changes = 0;
    this.mx = 0;
    this.my = 0;
    this.aim = 0;
    this.fire = false;
  }

  /** The intent at {@code nowMs} with the bot at (x, y) map units (NaN while unknown). */
  step(nowMs, x, y) {
    const due = !this.started || nowMs >= this.nextChangeMs;
    const blocked = !Number.isNaN(x) && !this.inward(this.heading, x, y);
    if (due || blocked) {
      this.started = true;
      this.changes++;
      this.heading = this.pickHeading(x, y);
      this.aim = angleToAim(this.rnd() * TWO_PI);
      this.fire = this.rnd() < FIRE_PROBABILITY;
      this.nextChangeMs = nowMs + 1000 + this.rnd() * 1000;
    }
    this.mx = Math.round(Math.cos(this.heading) * 127);
    this.my = Math.round(Math.sin(this.heading) * 127);
  }

  /** A direction 45-180 degrees from the last that points inward near walls. */
  pickHeading(x, y) {
    for (let i = 0; i < MAX_TRIES; i++) {
      const turn = (MIN_TURN + this.rnd() * (Math.PI - MIN_TURN)) * (this.rnd() < 0.5 ? 1 : -1);
      const h = normalize(this.heading + turn);
      if (Number.isNaN(x) || this.inward(h, x, y)) return h;
    }
    return normalize(Math.atan2(this.height / 2 - y, this.width / 2 - x));
  }

  /** True unless {@code h} points towards a wall closer than the margin. */
  inward(h, x, y) {
    const c = Math.cos(h);
    const s = Math.sin(h);
    return !((x < WALL_MARGIN && c <= 0) || (x > this.width - WALL_MARGIN && c >= 0)
      || (y < WALL_MARGIN && s <= 0) || (y > this.height - WALL_MARGIN && s >= 0));
  }
}
