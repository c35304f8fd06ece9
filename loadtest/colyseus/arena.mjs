// The arena's rules, the same as Tickstream's bundled arena (ArenaRules.defaults(),
// ArenaMovement, ArenaCombat): a 4000 x 4000 map, 200 units/s, 100 hp, shots at 600 units/s
// for 1 s hitting within 20 units for 10 damage, one shot per 250 ms, immediate respawn at a
// random point, positions snapped to the 1/2-unit wire grid. Plain functions over plain
// objects, so the Colyseus room below keeps its state in @colyseus/schema objects and this
// file stays free of any framework.

export const RULES = Object.freeze({
  mapWidth: 4000,
  mapHeight: 4000,
  playerSpeed: 200,
  playerRadius: 20,
  maxHp: 100,
  projectileSpeed: 600,
  projectileLifetimeMs: 1000,
  hitRadius: 20,
  damage: 10,
  fireCooldownMs: 250,
  positionScale: 2,
});

export const TICK_HZ = 20;

const S = RULES.positionScale;
const MIN_X = Math.ceil(RULES.playerRadius * S) / S;
const MAX_X = Math.floor((RULES.mapWidth - RULES.playerRadius) * S) / S;
const MIN_Y = MIN_X;
const MAX_Y = Math.floor((RULES.mapHeight - RULES.playerRadius) * S) / S;

export const snap = (u) => Math.round(u * S) / S;
const clamp = (v, lo, hi) => (v < lo ? lo : v > hi ? hi : v);

/** Whole ticks between two shots at {@code tickHz}: ceil(cooldown * hz / 1000), at least 1. */
export function cooldownTicks(tickHz) {
  return Math.max(1, Math.ceil((RULES.fireCooldownMs * tickHz) / 1000));
}

/** An input as the arena takes it, or null when out of range (the caller drops it). */
export function checkInput(m) {
  if (m === null || typeof m !== 'object') return null;
  const { mx, my, aim, fire } = m;
  if (!Number.isInteger(mx) || !Number.isInteger(my) || !Number.isInteger(aim)) return null;
  if (mx < -127 || mx > 127 || my < -127 || my > 127 || aim < 0 || aim > 0xffff) return null;
  return { mx, my, aim, fire: fire === true };
}

/** Sets the intent {@code input} on {@code p} (vx, vy in units per tick; aim; fire). */
export function steer(p, input, tickHz) {
  const len = Math.sqrt(input.mx * input.mx + input.my * input.my);
  if (len === 0) {
    p.vx = 0;
    p.vy = 0;
  } else {
    const perTick = (RULES.playerSpeed * Math.min(1, len / 127)) / tickHz;
    p.vx = (input.mx / len) * perTick;
    p.vy = (input.my / len) * perTick;
  }
  p.aimIntent = input.aim;
  p.fire = input.fire;
}

/** Full hit points at a random point of the map, on the wire grid. */
export function respawn(p, random = Math.random) {
  p.x = snap(MIN_X + random() * (MAX_X - MIN_X));
  p.y = snap(MIN_Y + random() * (MAX_Y - MIN_Y));
  p.hp = RULES.maxHp;
}

/** Moves {@code p} by its velocity, clamped to the map and snapped. */
export function move(p) {
  if (p.vx !== 0 || p.vy !== 0) {
    p.x = snap(clamp(p.x + p.vx, MIN_X, MAX_X));
    p.y = snap(clamp(p.y + p.vy, MIN_Y, MAX_Y));
  }
}

/** One coordinate of a shot {@code age} ticks after it was fired (the same closed form). */
export function projectileCoordinate(origin, age, tickHz, unit) {
  return origin + ((RULES.projectileSpeed * age) / tickHz) * unit;
}

/** The heading of 0..65535 per turn in radians. */
export const headingRadians = (h) => (h * 2 * Math.PI) / 65536;

/**
 * How far along (0..1) a point at offset (fx, fy) from a circle's centre moving by (dx, dy)
 * first comes within radius² r2; Infinity when it does not (PositionHistory.entry).
 */
export function entry(fx, fy, dx, dy, a, r2) {
  const c = fx * fx + fy * fy - r2;
  if (c <= 0) return 0;
  const b = fx * dx + fy * dy;
  if (a === 0 || b >= 0) return Infinity;
  const disc = b * b - a * c;
  if (disc < 0) return Infinity;
  const t = (-b - Math.sqrt(disc)) / a;
  return t <= 1 ? t : Infinity;
}

/**
 * The player, of {@code players} (an iterable of [key, player]), other than {@code owner},
 * that the segment reaches first within the hit radius; null for none.
 */
export function firstHit(players, owner, x0, y0, x1, y1) {
  const r = RULES.hitRadius;
  const dx = x1 - x0;
  const dy = y1 - y0;
  const a = dx * dx + dy * dy;
  let best = null;
  let bestS = Infinity;
  for (const [key, p] of players) {
    if (key === owner) continue;
    const s = entry(x0 - p.x, y0 - p.y, dx, dy, a, r * r);
    if (s < bestS) {
      bestS = s;
      best = key;
    }
  }
  return best;
}

/** Whether a shot fired at {@code spawnTick} has outlived its lifetime at {@code tick}. */
export function expired(spawnTick, tick, tickHz) {
  return (tick - spawnTick) * 1000 >= RULES.projectileLifetimeMs * tickHz;
}

export const onMap = (x, y) => x >= 0 && x <= RULES.mapWidth && y >= 0 && y <= RULES.mapHeight;
