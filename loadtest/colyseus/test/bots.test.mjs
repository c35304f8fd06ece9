// The bots' own logic without sockets: the wander pilot, the Tickstream snapshot mirror, the
// arena's hit test and the options. `npm test` (node --test), run by the web build.

import assert from 'node:assert/strict';
import test from 'node:test';
import { entry, firstHit, checkInput } from '../arena.mjs';
import { Pilot, random, MIN_TURN, WALL_MARGIN } from '../pilot.mjs';
import { TickstreamBot } from '../tickstream.mjs';

test('wander turns at least 45 degrees every 1-2 s and heads inward near walls', () => {
  const p = new Pilot(random(7), 4000, 4000);
  let now = 0;
  p.step(now, 2000, 2000);
  for (let i = 0; i < 200; i++) {
    const before = p.heading;
    const changes = p.changes;
    now = p.nextChangeMs;
    assert.ok(p.nextChangeMs - (now - 0) <= 2000);
    p.step(now, 2000, 2000);
    assert.equal(p.changes, changes + 1);
    let turn = Math.abs(p.heading - before) % (2 * Math.PI);
    if (turn > Math.PI) turn = 2 * Math.PI - turn;
    assert.ok(turn >= MIN_TURN - 1e-9, `turn ${turn}`);
  }
  // Near the left wall the new heading points right.
  for (let i = 0; i < 50; i++) {
    now += 2001;
    p.step(now, WALL_MARGIN / 2, 2000);
    assert.ok(Math.cos(p.heading) > 0, `heading ${p.heading}`);
    assert.ok(p.mx > 0);
  }
});

test('about 30 % of the changes fire', () => {
  const p = new Pilot(random(3), 4000, 4000);
  let fired = 0;
  for (let i = 0; i < 2000; i++) {
    p.step(i * 2001, 2000, 2000);
    fired += p.fire ? 1 : 0;
  }
  assert.ok(fired > 500 && fired < 700, `fired ${fired}`);
});

function bot() {
  const stats = { states: 0, events: 0, errors: 0, decodeErrors: 0 };
  const b = new TickstreamBot('http://x', 'b', stats, true);
  // Fields x, y with rates vx, vy, and hp without one.
  b.welcome({ entityId: 5, positionScale: 2, schema: { fields: [
    { name: 'x', rate: 'vx' }, { name: 'y', rate: 'vy' }, { name: 'vx' }, { name: 'vy' },
    { name: 'hp' }] } });
  return [b, stats];
}

const snap = (o) => ({ removed: [], ids: [], masks: [], values: [], events: [], ...o });

test('the mirror applies complete snapshots, deltas, dead reckoning and removals', () => {
  const [b, stats] = bot();
  // Entities 5 and 7, complete: 5 at (100, 200) moving (+4, 0) per tick, hp 100.
  b.snapshot(snap({ tick: 10, baseTick: 0, ids: [5, 2], masks: [0b10111, 0b00011],
    values: [100, 200, 4, 100, 50, 60] }));
  assert.deepEqual(b.position(), [50, 100]);
  // Two ticks later, nothing in rows: 5 moved by dead reckoning only.
  b.snapshot(snap({ tick: 12, baseTick: 10 }));
  assert.deepEqual(b.position(), [54, 100]);
  // A delta on hp, and 7 removed.
  b.snapshot(snap({ tick: 13, baseTick: 12, removed: [7], ids: [5], masks: [0b10000],
    values: [-10] }));
  assert.equal(b.mirror.get(5)[4], 90);
  assert.equal(b.mirror.has(7), false);
  assert.equal(b.tick, 13);
  assert.equal(stats.states, 3);
  // A snapshot against a tick the bot does not hold is refused.
  b.snapshot(snap({ tick: 15, baseTick: 11 }));
  assert.equal(stats.decodeErrors, 1);
  assert.equal(b.tick, 13);
});

test('the arena hit test and input check', () => {
  assert.equal(entry(-30, 0, 60, 0, 3600, 400), (30 - 20) / 60);
  assert.equal(entry(-30, 30, 60, 0, 3600, 400), Infinity);
  const players = new Map([['a', { x: 100, y: 100 }], ['b', { x: 130, y: 100 }]]);
  assert.equal(firstHit(players, 'z', 50, 100, 150, 100), 'a');
  assert.equal(firstHit(players, 'a', 50, 100, 150, 100), 'b');
  assert.equal(firstHit(players, 'a', 50, 300, 150, 300), null);
  assert.deepEqual(checkInput({ mx: 127, my: -127, aim: 65535, fire: 1 }),
    { mx: 127, my: -127, aim: 65535, fire: false });
  assert.equal(checkInput({ mx: 128, my: 0, aim: 0 }), null);
  assert.equal(checkInput({ mx: 0, my: 0, aim: 70000 }), null);
  assert.equal(checkInput('x'), null);
});
