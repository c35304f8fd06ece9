// Node bots for `loadtest cost` (variants colyseus and node-ws): one behaviour, the reference
// workload's wander (pilot.mjs), two adapters, so both servers face the same clients.
//
//   node bots.mjs --target colyseus|tickstream --url URL [--bots N] [--ramp S] [--warmup S]
//       [--duration S] [--tick-hz N] [--inputs per-tick|on-change] [--seed N] [--summary FILE]
//
// Connects N bots spread over --ramp, waits for them to settle, plays --warmup unmeasured,
// then prints "WINDOW OPEN", plays --duration measured and prints "WINDOW CLOSED" (the cost
// command reads the servers' CPU between the two), leaves, and prints a JSON summary of the
// window (also to --summary). One progress line a second. Exit status 0 when every bot
// connected and every bot received states, 1 when not, 2 bad usage, 3 the hard stop fired.

import fs from 'node:fs';
import { RULES } from './arena.mjs';
import { Pilot, random } from './pilot.mjs';

const USAGE = 'usage: node bots.mjs --target colyseus|tickstream --url URL [--bots N] [--ramp S]'
  + ' [--warmup S] [--duration S] [--tick-hz N] [--inputs per-tick|on-change] [--seed N]'
  + ' [--summary FILE]';

export function parse(argv) {
  const o = { target: null, url: null, bots: 16, ramp: 5, warmup: 5, duration: 10, tickHz: 20,
    inputs: 'per-tick', seed: 1, summary: null };
  const num = (v, name, lo, hi) => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < lo || n > hi) {
      throw new Error(`${name} needs a number in ${lo}..${hi}`);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    switch (a) {
      case '--target': o.target = v; i++; break;
      case '--url': o.url = v; i++; break;
      case '--bots': o.bots = Math.trunc(num(v, a, 1, 100_000)); i++; break;
      case '--ramp': o.ramp = num(v, a, 0, 3600); i++; break;
      case '--warmup': o.warmup = num(v, a, 0, 3600); i++; break;
      case '--duration': o.duration = num(v, a, 1, 3600); i++; break;
      case '--tick-hz': o.tickHz = Math.trunc(num(v, a, 10, 60)); i++; break;
      case '--inputs': o.inputs = v; i++; break;
      case '--seed': o.seed = Math.trunc(num(v, a, 0, 2 ** 31)); i++; break;
      case '--summary': o.summary = v; i++; break;
      default: throw new Error(`unknown option ${a}`);
    }
  }
  if (o.target !== 'colyseus' && o.target !== 'tickstream') throw new Error('--target?');
  if (!o.url) throw new Error('--url is required');
  if (o.inputs !== 'per-tick' && o.inputs !== 'on-change') throw new Error('--inputs?');
  return o;
}

if (process.argv.includes('--help')) {
  console.log(USAGE);
  process.exit(0);
}
let o;
try {
  o = parse(process.argv.slice(2));
} catch (e) {
  console.error(`bots: ${e.message}\n${USAGE}`);
  process.exit(2);
}

const { ColyseusBot } = o.target === 'colyseus' ? await import('./colyseus.mjs') : {};
const { TickstreamBot } = o.target === 'tickstream' ? await import('./tickstream.mjs') : {};

const stats = { states: 0, bytesIn: 0, inputs: 0, events: 0, errors: 0, disconnects: 0,
  decodeErrors: 0, connectErrors: 0, connected: 0, lastError: null };
const bots = [];
const timers = [];
const period = 1000 / o.tickHz;
const rnd = random(o.seed);
const t0 = Date.now();
const tag = `[bots ${o.target}]`;
let measuring = false;

// Hard stop: ramp, settle (at most max(5 s, ramp)), warm-up, window, and slack.
const hardStopMs = (2 * o.ramp + Math.max(5, o.ramp) + o.warmup + o.duration + 30) * 1000;
const hardStop = setTimeout(() => {
  console.log(`${tag} hard stop after ${hardStopMs / 1000} s`);
  finish(null, 3);
}, hardStopMs);

function startBot(i) {
  const name = `bot${i}`;
  const perTick = o.inputs === 'per-tick';
  const bot = o.target === 'colyseus'
    ? new ColyseusBot(o.url, name, stats, perTick)
    : new TickstreamBot(o.url, name, stats, perTick);
  const pilot = new Pilot(random(Math.floor(rnd() * 2 ** 31)), RULES.mapWidth, RULES.mapHeight);
  bots.push(bot);
  return bot.connect().then(() => {
    stats.connected++;
    // Each bot on its own phase of the beat, as independent clients are.
    const phase = rnd() * period;
    timers.push(setTimeout(() => {
      timers.push(setInterval(() => {
        const [x, y] = bot.position();
        pilot.step(Date.now(), x, y);
        bot.input(pilot.mx, pilot.my, pilot.aim, pilot.fire);
      }, period));
    }, phase));
  }, (e) => {
    stats.connectErrors++;
    stats.lastError = `connect: ${e.message}`;
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function progress(last) {
  const now = { t: Date.now(), states: stats.states, bytes: stats.bytesIn };
  if (last) {
    const dt = Math.max(1e-3, (now.t - last.t) / 1000);
    const n = Math.max(1, stats.connected);
    console.log(`${tag} [${String(Math.round((now.t - t0) / 1000)).padStart(5)}s] connected`
      + ` ${stats.connected}/${o.bots} (errors ${stats.connectErrors}) | states`
      + ` ${((now.states - last.states) / dt / n).toFixed(1)}/bot/s | in`
      + ` ${Math.round((now.bytes - last.bytes) / dt / n)} B/bot/s | errors ${stats.errors}`
      + ` | disconnects ${stats.disconnects}${measuring ? ' | measuring' : ''}`);
  }
  return now;
}

let last = progress(null);
const ticker = setInterval(() => {
  last = progress(last);
}, 1000);

const pending = [];
for (let i = 0; i < o.bots; i++) {
  pending.push(startBot(i));
  if (o.ramp > 0 && i < o.bots - 1) await sleep((o.ramp * 1000) / o.bots);
}
const settleBy = Date.now() + Math.max(5, o.ramp) * 1000;
while (stats.connected + stats.connectErrors < o.bots && Date.now() < settleBy) await sleep(100);
await sleep(o.warmup * 1000);

const begin = { t: Date.now(), ...stats, perBot: bots.map((b) => b.received) };
measuring = true;
console.log('WINDOW OPEN');
await sleep(o.duration * 1000);
const end = { t: Date.now(), ...stats, perBot: bots.map((b) => b.received) };
measuring = false;
console.log('WINDOW CLOSED');
finish({ begin, end }, null);

function finish(window, forced) {
  clearInterval(ticker);
  clearTimeout(hardStop);
  for (const t of timers) clearInterval(t);
  for (const b of bots) b.close();
  const w = window ? (window.end.t - window.begin.t) / 1000 : 0;
  const d = (k) => (window ? window.end[k] - window.begin[k] : 0);
  const n = Math.max(1, stats.connected);
  // Bots connected by the window's start that received no state in it.
  const silent = window ? window.begin.perBot.filter((r, i) => window.end.perBot[i] === r).length
    : o.bots;
  const summary = {
    target: o.target,
    url: o.url,
    bots: o.bots,
    inputs: o.inputs,
    tick_hz: o.tickHz,
    bots_connected: stats.connected,
    connect_errors: stats.connectErrors,
    window_s: Number(w.toFixed(3)),
    states_received: d('states'),
    states_per_bot_per_s: w > 0 ? Number((d('states') / w / n).toFixed(2)) : 0,
    bytes_in: d('bytesIn'),
    bytes_per_bot_per_s: w > 0 ? Number((d('bytesIn') / w / n).toFixed(1)) : 0,
    inputs_per_bot_per_s: w > 0 ? Number((d('inputs') / w / n).toFixed(2)) : 0,
    events_received: d('events'),
    bots_silent_in_window: silent,
    errors: stats.errors,
    decode_errors: stats.decodeErrors,
    disconnects: stats.disconnects,
    last_error: stats.lastError,
    hard_stop: forced === 3,
  };
  summary.ok = !summary.hard_stop && stats.connected === o.bots && summary.states_received > 0
    && silent === 0 && stats.decodeErrors === 0;
  const json = JSON.stringify(summary);
  if (o.summary) fs.writeFileSync(o.summary, json + '\n');
  console.log(`SUMMARY ${json}`);
  const code = forced ?? (summary.ok ? 0 : 1);
  // A clean close: give the leaves a moment on the wire, then go.
  setTimeout(() => process.exit(code), 500);
}
