// The bots' own logic without sockets: the wander pilot, the Tickstream bot's glue to the web
// SDK (its mirror and wire are the SDK's, tested by client-web's Vitest), the arena's hit test.
// `npm test` (node --test), run by the web build.

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

function bot(perTick) {
  const stats = { inputs: 0 };
  return [new TickstreamBot('http://x', 'b', stats, perTick), stats];
}

test('the Tickstream bot hands the pilot\'s intent to the session and counts what goes out', () => {
  // On change: the session's beat reads the intent every tick; it goes out when it changed.
  const [b, stats] = bot(false);
  b.input(127, 0, 100, false);
  assert.deepEqual(b.beat(), { moveX: 127, moveY: 0, aim: 100, fire: false });
  b.beat();
  b.input(127, 0, 100, false);
  b.beat();
  assert.equal(stats.inputs, 1);
  b.input(0, 0, 100, true);
  b.beat();
  assert.equal(stats.inputs, 2);
  // Per tick: every beat is an input.
  const [p, perTick] = bot(true);
  p.input(1, 1, 1, false);
  p.beat();
  p.beat();
  p.beat();
  assert.equal(perTick.inputs, 3);
});

test('the Tickstream bot reads its position from the SDK\'s mirror, in map units', () => {
  const [b] = bot(true);
  assert.deepEqual(b.position(), [NaN, NaN]);
  b.fields = { x: 0, y: 1 };
  b.session = { entityId: 5, welcome: { positionScale: 2 },
    mirror: { latest: { entities: new Map([[5, { values: [100, 200] }]]) } } };
  assert.deepEqual(b.position(), [50, 100]);
  b.session.mirror.latest.entities.clear();
  assert.deepEqual(b.position(), [NaN, NaN]);
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
