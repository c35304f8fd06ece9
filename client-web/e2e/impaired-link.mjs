// The browser client through an impaired link: the server's LinkRelay (e2e/link-relay.mjs) at
// 100 ms ± 20 ms round trip with 2 % loss-stalls (200–400 ms each, head-of-line blocking) sits
// between Chromium and the server, so the page load, the matchmaking and the WebSocket all
// cross it (the server builds the game URL from the request's Host, which is the relay's).
// Two players in one arena room move with keys, stop and fire, one after the other. Checked:
// each session stays live throughout (no close, no resume), snapshots keep coming, a shot
// appears, and once they stand still prediction and server agree. Reported, not asserted:
// the round trips the client measured, snapshots and late ones, the longest wait between two,
// the largest prediction correction; one log line and <artifactDir>/impaired-link.json.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { check, checkPrediction, log, openPlayer, positionOf, waitFor } from "./lib.mjs";
import { startLinkRelay } from "./link-relay.mjs";

// E2E_LINK overrides the link (e.g. 0ms for a baseline of the same figures).
const SPEC = process.env.E2E_LINK ?? "100ms+-20ms,loss=2%";
const SEED = 7;

/** Records, in the page, every status other than live and each new round trip the client measured. */
const watch = (page) =>
  page.evaluate(() => {
    const t = window.__tickstream;
    const w = (window.__e2eLink = { notLive: [], rtts: [], lastRtt: undefined, tick0: t.tick, snapshots0: t.snapshots });
    setInterval(() => {
      if (t.status !== "live") w.notLive.push(`${t.status}: ${t.reason}`);
      if (t.rttMs !== undefined && t.rttMs !== w.lastRtt) w.rtts.push((w.lastRtt = t.rttMs));
    }, 50);
  });

/**
 * Moves p along x, then along y (away from the nearer walls), stops and fires; checks that the
 * server moved it and showed its shot. Returns how long after the last key went up prediction
 * and server agreed (ms, in steps of the 100 ms poll).
 */
async function play(p, name, ms) {
  const start = await positionOf(p.page, p.id);
  const across = start.x < 2000 ? "KeyD" : "KeyA";
  const along = start.y < 2000 ? "KeyS" : "KeyW";
  await p.page.bringToFront();
  await p.page.keyboard.down(across);
  await p.page.waitForTimeout(ms * 0.6);
  await p.page.keyboard.up(across);
  await p.page.keyboard.down(along);
  await p.page.waitForTimeout(ms * 0.4);
  await p.page.keyboard.up(along);
  const agreedMs = await checkPrediction(p, name, 5000);
  const end = await positionOf(p.page, p.id);
  const moved = Math.hypot(end.x - start.x, end.y - start.y);
  check(moved >= 100, `${name} held ${across} then ${along} for ${ms} ms but moved only ${moved.toFixed(0)} units`);
  await p.page.keyboard.down("Space");
  try {
    await waitFor(p.page, `${name}'s shot to appear`, (id) => window.__tickstream.entities().some((e) => e.kind === "projectile" && window.__tickstream.fields(e.id)?.owner === id), p.id, 5000);
  } finally {
    await p.page.keyboard.up("Space");
  }
  log(`${name} moved ${moved.toFixed(0)} units (${across}, then ${along}), stopped (prediction and server agreed ${agreedMs} ms later) and fired`);
  return agreedMs;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : undefined;
};

/** What p's page measured since it joined (raw: in the page's units). */
const measured = (p) =>
  p.page.evaluate(() => {
    const t = window.__tickstream;
    const w = window.__e2eLink;
    return {
      status: t.status, reason: t.reason, resumes: t.resumes, notLive: w.notLive.slice(0, 5), rtts: w.rtts,
      ticks: t.tick - w.tick0, snapshots: t.snapshots - w.snapshots0, lateSnapshots: t.lateSnapshots,
      maxSnapshotGapMs: t.maxSnapshotGapMs, maxCorrection: t.maxCorrection,
    };
  });

/** The figures a person wants, rounded, for the log line and the JSON. */
function figures(f, agreedMs) {
  const rtts = f.rtts.map(Math.round);
  return {
    rtt_ms: { pings: rtts.length, min: rtts.length ? Math.min(...rtts) : null, median: median(rtts) ?? null, max: rtts.length ? Math.max(...rtts) : null },
    snapshots: f.snapshots,
    ticks: f.ticks,
    late_snapshots: f.lateSnapshots,
    max_snapshot_gap_ms: Math.round(f.maxSnapshotGapMs),
    max_correction_units: Number(f.maxCorrection.toFixed(1)),
    prediction_agreed_after_ms: agreedMs,
    status: f.status,
    resumes: f.resumes,
  };
}

/** The session stayed live and kept receiving. */
function checkLive(f, name) {
  check(f.status === "live" && f.notLive.length === 0 && f.resumes === 0,
    `${name}'s session did not stay live through the impaired link: now ${f.status} (${f.reason}), ${f.resumes} resumes, seen ${JSON.stringify(f.notLive)}`);
  // "Keeps receiving", not a latency bound: the server gives up on a reader after 5 s without
  // a delivered snapshot; a stall here lasts at most 400 ms.
  check(f.snapshots > 0 && f.ticks > 0 && f.maxSnapshotGapMs < 3000,
    `${name}'s snapshots stopped: ${f.snapshots} applied over ${f.ticks} ticks, longest wait ${Math.round(f.maxSnapshotGapMs)} ms`);
}

const line = (name, f) =>
  `${name}: rtt median ${f.rtt_ms.median} ms (min ${f.rtt_ms.min}, max ${f.rtt_ms.max}, ${f.rtt_ms.pings} pings), ` +
  `${f.snapshots} snapshots, ${f.late_snapshots} late, longest gap ${f.max_snapshot_gap_ms} ms, ` +
  `largest correction ${f.max_correction_units} units, prediction agreed ${f.prediction_agreed_after_ms} ms after the keys went up`;

/** `target`: the server's URL (not the TCP proxy's); `jar`: the server jar, which holds the relay. */
export async function impairedLinkScenario(h, target, jar) {
  const started = Date.now();
  const relay = await startLinkRelay(jar, target.hostname, Number(target.port || (target.protocol === "https:" ? 443 : 80)), SPEC, SEED, join(h.artifactDir, "link-relay.log"));
  const pages = [];
  try {
    const base = `${target.protocol}//127.0.0.1:${relay.port}/`;
    log(`link relay ${SPEC} (seed ${SEED}) on ${base}`);
    const sockets = [];
    const onPage = (page) => page.on("websocket", (ws) => sockets.push(ws.url().split("?")[0])); // not the seat token
    const a = await openPlayer(h, base, "alice", onPage);
    pages.push(a.page);
    await watch(a.page);
    const b = await openPlayer(h, base, "bob", onPage);
    pages.push(b.page);
    await watch(b.page);
    check(a.roomId === b.roomId, `the two players were put in different rooms (${a.roomId}, ${b.roomId})`);
    // The game socket must cross the link too, not go straight to the server.
    const astray = sockets.filter((u) => new URL(u).port !== String(relay.port));
    check(sockets.length >= 2 && astray.length === 0, `the game sockets do not all go through the relay (port ${relay.port}): ${sockets.join(", ")}`);

    const agreed = { alice: await play(a, "alice", 4000), bob: await play(b, "bob", 3000) };
    await a.page.waitForTimeout(1000); // bob's shot, then both stand still a moment
    const raw = { alice: await measured(a), bob: await measured(b) };
    const players = { alice: figures(raw.alice, agreed.alice), bob: figures(raw.bob, agreed.bob) };
    // Reported before the checks, so that a failing run shows its figures too.
    const report = { link: SPEC.replace("+-", "±"), seed: SEED, relay_port: relay.port, game_sockets: sockets, seconds: Math.round((Date.now() - started) / 1000), players };
    writeFileSync(join(h.artifactDir, "impaired-link.json"), `${JSON.stringify(report, null, 2)}\n`);
    log(`impaired link ${report.link}: ${line("alice", players.alice)}; ${line("bob", players.bob)}`);
    for (const [p, name] of [[a, "alice"], [b, "bob"]]) {
      checkLive(raw[name], name);
      await checkPrediction(p, name); // standing still for a while: they agree at once
    }
  } finally {
    for (const page of pages) await page.context().close().catch(() => {});
    await relay.stop();
  }
}
