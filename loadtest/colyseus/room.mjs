// The arena as a Colyseus 0.18 room, written the way a Colyseus game is: @colyseus/schema
// state, a fixed-step simulation (setSimulationInterval) at 20 Hz, patches at the same rate,
// rooms of 16, and an "input" message holding each player's latest intent until the next.
// The state carries what Tickstream's arena sends: per player position, last step (vx, vy),
// aim, hp, score, deaths and name; per shot its origin, heading, spawn tick and owner (a shot
// never changes after it appears: a client computes its flight, as Tickstream's clients do).
// Hits go to the shooter and the target, kills to everyone, as in Tickstream's arena.
// Lag compensation (Tickstream judges shots at the shooter's view tick) is not reproduced:
// the bots of both servers see the newest state, so it changes nothing here.

import { Room } from '@colyseus/core';
import { MapSchema, schema, t } from '@colyseus/schema';
import {
  RULES, TICK_HZ, checkInput, cooldownTicks, expired, firstHit, headingRadians, move, onMap,
  projectileCoordinate, respawn, snap, steer,
} from './arena.mjs';

export const Player = schema({
  name: t.string(),
  x: t.float32(),
  y: t.float32(),
  vx: t.int16(),
  vy: t.int16(),
  aim: t.uint8(),
  hp: t.uint8(),
  score: t.uint16(),
  deaths: t.uint16(),
}, 'Player');

export const Projectile = schema({
  owner: t.string(),
  x: t.float32(),
  y: t.float32(),
  heading: t.uint16(),
  spawnTick: t.uint32(),
}, 'Projectile');

export const ArenaState = schema({
  tick: t.uint32(),
  players: t.map(Player),
  projectiles: t.map(Projectile),
}, 'ArenaState');

/** Counters for the server's exit line: what the network sent that the room refused. */
export const counters = { badInputs: 0, rooms: 0, joins: 0, leaves: 0 };

export class ArenaRoom extends Room {
  maxClients = 16;
  patchRate = 1000 / TICK_HZ;

  onCreate() {
    counters.rooms++;
    this.state = new ArenaState();
    /** sessionId -> the simulation's own view of a player (intent, cooldown, exact x/y). */
    this.sim = new Map();
    /** projectile key -> its flight (origin, unit vector, owner), the schema's twin. */
    this.flights = new Map();
    this.nextShot = 1;
    this.cooldown = cooldownTicks(TICK_HZ);
    this.onMessage('input', (client, message) => {
      const p = this.sim.get(client.sessionId);
      const input = checkInput(message);
      if (!p) return;
      if (!input) {
        counters.badInputs++;
        client.leave(4007, 'input out of range');
        return;
      }
      steer(p, input, TICK_HZ); // holds until the next input
    });
    this.setSimulationInterval(() => this.step(), 1000 / TICK_HZ);
  }

  onJoin(client, options) {
    counters.joins++;
    const p = { x: 0, y: 0, vx: 0, vy: 0, aimIntent: 0, fire: false, hp: 0,
      lastFire: -1e9, score: 0, deaths: 0 };
    respawn(p);
    this.sim.set(client.sessionId, p);
    const name = typeof options?.name === 'string' ? options.name.slice(0, 16) : 'player';
    this.state.players.set(client.sessionId, new Player({ name, x: p.x, y: p.y, hp: p.hp }));
  }

  onLeave(client) {
    counters.leaves++;
    this.sim.delete(client.sessionId);
    this.state.players.delete(client.sessionId); // its shots fly on
  }

  /** One tick: move, fly and hit, fire; then copy what changed into the schema. */
  step() {
    const tick = ++this.state.tick;
    const steps = new Map();
    for (const [id, p] of this.sim) {
      const x0 = p.x;
      const y0 = p.y;
      move(p);
      steps.set(id, [Math.round((p.x - x0) * RULES.positionScale),
        Math.round((p.y - y0) * RULES.positionScale)]);
    }
    this.fly(tick, steps);
    this.fire(tick);
    for (const [id, p] of this.sim) {
      const s = this.state.players.get(id);
      const [vx, vy] = steps.get(id) ?? [0, 0];
      if (s.x !== p.x) s.x = p.x;
      if (s.y !== p.y) s.y = p.y;
      if (s.vx !== vx) s.vx = vx;
      if (s.vy !== vy) s.vy = vy;
      const aim = (p.aimIntent >> 8) & 0xff; // 256 steps, as Tickstream sends it
      if (s.aim !== aim) s.aim = aim;
      if (s.hp !== p.hp) s.hp = p.hp;
      if (s.score !== p.score) s.score = p.score;
      if (s.deaths !== p.deaths) s.deaths = p.deaths;
    }
  }

  fly(tick, steps) {
    for (const [key, f] of this.flights) {
      const age = tick - f.spawnTick;
      let keep = false;
      if (!expired(f.spawnTick, tick, TICK_HZ)) {
        const x0 = projectileCoordinate(f.x, age - 1, TICK_HZ, f.cos);
        const y0 = projectileCoordinate(f.y, age - 1, TICK_HZ, f.sin);
        const x1 = projectileCoordinate(f.x, age, TICK_HZ, f.cos);
        const y1 = projectileCoordinate(f.y, age, TICK_HZ, f.sin);
        const victim = firstHit(this.sim, f.owner, x0, y0, x1, y1);
        if (victim !== null) {
          this.hit(tick, victim, f.owner, x1, y1, steps);
        } else {
          keep = onMap(x1, y1);
        }
      }
      if (!keep) {
        this.flights.delete(key);
        this.state.projectiles.delete(key);
      }
    }
  }

  fire(tick) {
    for (const [id, p] of this.sim) {
      if (p.fire && tick - p.lastFire >= this.cooldown) {
        p.lastFire = tick;
        const key = String(this.nextShot++);
        const a = headingRadians(p.aimIntent);
        this.flights.set(key, { owner: id, x: p.x, y: p.y, spawnTick: tick,
          cos: Math.cos(a), sin: Math.sin(a) });
        this.state.projectiles.set(key, new Projectile({ owner: id, x: p.x, y: p.y,
          heading: p.aimIntent, spawnTick: tick }));
      }
    }
  }

  hit(tick, victim, shooter, x, y, steps) {
    const v = this.sim.get(victim);
    v.hp -= RULES.damage;
    const hit = { shooter, target: victim, damage: RULES.damage, x: snap(x), y: snap(y) };
    for (const c of this.clients) {
      if (c.sessionId === victim || c.sessionId === shooter) c.send('hit', hit);
    }
    if (v.hp <= 0) {
      this.broadcast('kill', { killer: shooter, victim });
      v.deaths++;
      respawn(v);
      steps.set(victim, [0, 0]); // a teleport, not a step
      const s = this.sim.get(shooter);
      if (s) s.score++; // the shooter may have left; its shots fly on
    }
  }
}
