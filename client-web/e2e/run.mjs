// End-to-end check in a real browser against a running server, two players per game.
//
// Arena:
//  1. two pages join as players and land in the same room;
//  2. keys held in page A move A's player, and page B's view shows it moving (B's mirror of
//     the world, and the pixels of B's canvas);
//     Alice says something in chat (a game message), and bob's kill feed shows it (a game event);
//  3. every connection is cut (through a TCP relay in front of the server): both pages resume
//     the same players with their resume tokens, and A still moves;
//  4. the monitor lists the room, and clicking it shows both players as a spectator.
// Replay (e2e/replay.mjs; the server records every room): the arena match above, listed at
// /api/replays, plays at /replay/<id>; a seek changes the canvas; bad ids are 400 and 404.
// Football (e2e/football.mjs): two pages pick football, 1v1, one red and one blue; A runs and
// kicks, B sees A and the ball move, the kick scores and both pages show the score; the
// monitor watches the room.
// Impaired link (e2e/impaired-link.mjs, needs the server jar, which holds the relay): two
// players play through the server's LinkRelay at 100 ms ± 20 ms with 2 % loss-stalls and stay
// live; the figures they measured go to the log and <artifactDir>/impaired-link.json.
//
//   node e2e/run.mjs <baseUrl> <artifactDir> [serverJar]
//
// Uses Debian's Chromium (CHROMIUM overrides /usr/bin/chromium) through playwright-core; never
// downloads a browser. Exits 0 on success, 1 with a reason on failure, and gives up after
// E2E_TIMEOUT_MS (150 s). Screenshots land in <artifactDir>.

import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { footballScenario } from "./football.mjs";
import { replayScenario } from "./replay.mjs";
import { impairedLinkScenario } from "./impaired-link.mjs";
import { changedPixels, check, checkPrediction, Failure, Harness, keepCanvas, log, openPlayer, positionOf, waitFor, watchFromMonitor } from "./lib.mjs";
import { startProxy } from "./tcp-proxy.mjs";

const [baseArg, artifactArg, jarArg] = process.argv.slice(2);
if (!baseArg || !artifactArg) {
  console.error("usage: node e2e/run.mjs <baseUrl> <artifactDir> [serverJar]");
  process.exit(2);
}
const target = new URL(baseArg);
const artifactDir = resolve(artifactArg);
mkdirSync(artifactDir, { recursive: true });
const timeoutMs = Number(process.env.E2E_TIMEOUT_MS ?? 150_000);
const h = new Harness(artifactDir);
// E2E_ONLY=impaired-link (comma-separated) runs only those scenarios; replay needs arena and football.
const only = process.env.E2E_ONLY?.split(",").map((s) => s.trim());
let proxy;

/** Holds a key in A's page for `ms`, then waits until B sees A at least `min` units along x. */
async function moveAndWatch(a, b, ms, min) {
  const before = await positionOf(b.page, a.id);
  const key = before.x < 2000 ? "KeyD" : "KeyA"; // away from the nearer wall: never clamped
  const dir = key === "KeyD" ? 1 : -1;
  await a.page.bringToFront();
  log(`alice holds ${key} for ${ms} ms (bob sees her at ${before.x}, ${before.y})`);
  await a.page.keyboard.down(key);
  await a.page.waitForTimeout(ms);
  await a.page.keyboard.up(key);
  const moved = await waitFor(
    b.page,
    `bob to see alice move at least ${min} units`,
    ([id, x0, dir, min]) => {
      const e = window.__tickstream.entities().find((e) => e.id === id);
      return e && (e.x - x0) * dir >= min ? e : false;
    },
    [a.id, before.x, dir, min],
    10_000,
  );
  log(`bob sees alice at (${moved.x}, ${moved.y}): moved ${Math.abs(moved.x - before.x)} units`);
  check(Math.abs(moved.y - before.y) < 1, `alice moved vertically too (${before.y} -> ${moved.y})`);
  return moved;
}

const ownPosition = (p) => positionOf(p.page, p.id);
const sees = (viewer, id) => viewer.page.evaluate((id) => window.__tickstream.entities().some((e) => e.id === id), id);

/**
 * Waits until bob's snapshots include alice. A server with an area of interest only sends
 * what is near, so if they spawned far apart, alice walks towards bob until he sees her.
 */
async function bringIntoView(a, b) {
  const until = Date.now() + 30_000;
  await b.page.waitForTimeout(500);
  while (!(await sees(b, a.id))) {
    check(Date.now() < until, "bob never saw alice, even after she walked towards him");
    const [pa, pb] = [await ownPosition(a), await ownPosition(b)];
    const keys = [];
    if (Math.abs(pb.x - pa.x) > 50) keys.push(pb.x > pa.x ? "KeyD" : "KeyA");
    if (Math.abs(pb.y - pa.y) > 50) keys.push(pb.y > pa.y ? "KeyS" : "KeyW");
    log(`bob does not see alice yet: alice walks ${keys.join("+")} from (${pa.x}, ${pa.y}) towards (${pb.x}, ${pb.y})`);
    for (const k of keys) await a.page.keyboard.down(k);
    await a.page.waitForTimeout(500);
    for (const k of keys) await a.page.keyboard.up(k);
  }
}

/** Alice chats (Enter, text, Enter: a GameMessage "chat"); bob's feed shows the ChatLine event. */
async function chatAndWatch(a, b, text) {
  const game = await a.page.evaluate(() => window.__tickstream.game);
  await a.page.bringToFront();
  await a.page.keyboard.press("Enter");
  await a.page.waitForSelector("#chat-text", { state: "visible", timeout: 2000 }).catch(() => {
    throw new Failure("Enter did not open the chat box");
  });
  await a.page.keyboard.type(text);
  await a.page.keyboard.press("Enter");
  await waitFor(b.page, `bob to see alice's chat line in the ${game} room`, (text) => document.querySelector("#feed")?.textContent?.includes(text), text, 10_000);
  log(`bob's feed shows alice's chat line "${text}"`);
}

async function arenaScenario(base) {
  // 1. Two players, one room.
  const a = await openPlayer(h, base, "alice");
  const b = await openPlayer(h, base, "bob");
  check(a.roomId === b.roomId, `the two players were put in different rooms (${a.roomId}, ${b.roomId})`);
  await bringIntoView(a, b);

  // 2. Alice moves; bob sees it. Bob looks at the whole map (M) so alice is on his canvas
  //    wherever the two spawned.
  await b.page.keyboard.press("KeyM");
  await b.page.waitForTimeout(300); // let interpolation settle on the still player
  await keepCanvas(b.page);
  await h.screenshot(b.page, "b-before.png");
  await moveAndWatch(a, b, 1000, 100);
  await a.page.waitForTimeout(400); // standing still: prediction and server must agree
  await checkPrediction(a, "alice");
  const changed = await changedPixels(b.page);
  log(`bob's canvas: ${changed} pixels changed`);
  check(changed >= 50, `bob's canvas did not show alice moving (${changed} pixels changed)`);
  await h.screenshot(a.page, "a.png");
  await h.screenshot(b.page, "b.png");
  await chatAndWatch(a, b, "hello from alice");

  // 3. The network drops every connection; both resume the same players.
  log(`cutting ${proxy.cutAll()} connections`);
  for (const [p, name] of [[a, "alice"], [b, "bob"]]) {
    const got = await waitFor(p.page, `${name} to resume`, () => {
      const t = window.__tickstream;
      return t.status === "live" && t.resumes >= 1 && { id: t.entityId, reason: t.reason };
    });
    check(got.id === p.id, `${name} came back as entity ${got.id}, not ${p.id}`);
    log(`${name} resumed as entity ${got.id} (${got.reason})`);
  }
  await moveAndWatch(a, b, 500, 40);
  await h.screenshot(a.page, "a-resumed.png");

  // 4. The monitor shows the room; clicking it watches the room as a spectator.
  const monitor = await watchFromMonitor(h, base, a.roomId, [a.id, b.id], "monitor.png");
  log(`the monitor watches room ${a.roomId} and sees both players`);
  for (const page of [a.page, b.page, monitor]) await page.context().close();
}

async function run() {
  proxy = await startProxy(target.hostname, Number(target.port || (target.protocol === "https:" ? 443 : 80)));
  const base = `${target.protocol}//127.0.0.1:${proxy.port}/`;
  log(`server ${target.origin}, relayed at ${base}`);
  await h.launch();
  const scenarios = [
    ["arena", () => arenaScenario(base)],
    ["football", () => footballScenario(h, base)],
    ["replay", () => replayScenario(h, base)],
    ["impaired-link", () => jarArg ? impairedLinkScenario(h, target, resolve(jarArg))
      : log("skipped: no server jar given (the third argument), which holds the link relay")],
  ];
  for (const [name, scenario] of scenarios) {
    if (only && !only.includes(name)) continue;
    log(`--- ${name} ---`);
    await scenario();
  }
}

const timer = setTimeout(() => {
  console.error(`e2e FAILED: timed out after ${timeoutMs / 1000} s`);
  console.log("e2e: 0 passed, 1 failed");
  process.exit(1);
}, timeoutMs);

try {
  await run();
  log(`screenshots: ${h.screenshots.join(", ")}`);
  log("passed");
  console.log("e2e: 1 passed, 0 failed");
  process.exitCode = 0;
} catch (e) {
  console.error(`e2e FAILED: ${e instanceof Failure ? e.message : e.stack}`);
  if (h.screenshots.length) console.error(`screenshots so far: ${h.screenshots.join(", ")}`);
  console.log("e2e: 0 passed, 1 failed");
  process.exitCode = 1;
} finally {
  clearTimeout(timer);
  await h.close();
  await proxy?.close().catch(() => {});
}
