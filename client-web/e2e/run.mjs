// End-to-end check in a real browser against a running server:
//  1. two pages join as players and land in the same room;
//  2. keys held in page A move A's player, and page B's view shows it moving (B's mirror of
//     the world, and the pixels of B's canvas);
//     Alice says something in chat (a game message), and bob's kill feed shows it (a game event);
//  3. every connection is cut (through a TCP relay in front of the server): both pages resume
//     the same players with their resume tokens, and A still moves;
//  4. the monitor lists the room, and clicking it shows both players as a spectator.
//
//   node e2e/run.mjs <baseUrl> <artifactDir>
//
// Uses Debian's Chromium (CHROMIUM overrides /usr/bin/chromium) through playwright-core; never
// downloads a browser. Exits 0 on success, 1 with a reason on failure, and gives up after
// E2E_TIMEOUT_MS (60 s). Screenshots land in <artifactDir>.

import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { startProxy } from "./tcp-proxy.mjs";

const [baseArg, artifactArg] = process.argv.slice(2);
if (!baseArg || !artifactArg) {
  console.error("usage: node e2e/run.mjs <baseUrl> <artifactDir>");
  process.exit(2);
}
const target = new URL(baseArg);
const artifactDir = resolve(artifactArg);
mkdirSync(artifactDir, { recursive: true });
const timeoutMs = Number(process.env.E2E_TIMEOUT_MS ?? 60_000);
const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const started = Date.now();
const log = (message) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
const screenshots = [];
let browser;
let proxy;

class Failure extends Error {}
const check = (ok, message) => {
  if (!ok) throw new Failure(message);
};

/** Polls `probe` in the page until it returns a truthy value or `ms` pass. */
async function waitFor(page, what, probe, arg, ms = 15_000) {
  try {
    const handle = await page.waitForFunction(probe, arg, { timeout: ms, polling: 100 });
    return await handle.jsonValue();
  } catch {
    const state = await page.evaluate(() => window.__tickstream && `${window.__tickstream.status} ${window.__tickstream.reason}`).catch(() => "?");
    throw new Failure(`timed out waiting for ${what} (page status: ${state})`);
  }
}

async function screenshot(page, name) {
  const path = join(artifactDir, name);
  await page.screenshot({ path });
  screenshots.push(path);
}

async function newPage(base, name) {
  // A context per page: separate storage, like two people on two machines.
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 }, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  page.on("pageerror", (e) => log(`${name}: page error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && log(`${name}: console error: ${m.text()}`));
  return page;
}

async function openPlayer(base, name) {
  const page = await newPage(base, name);
  await page.goto(base, { waitUntil: "load" }).catch((e) => {
    throw new Failure(`cannot open ${base}: ${e.message.split("\n")[0]}`);
  });
  await page.fill("#name", name);
  await page.click("#play");
  const id = await waitFor(page, `${name} to be welcomed and get a snapshot`, () => {
    const t = window.__tickstream;
    return t && t.status === "live" && t.tick > 0 && t.entityId;
  });
  const roomId = await page.evaluate(() => window.__tickstream.roomId);
  log(`${name} joined as entity ${id} in room ${roomId}`);
  return { page, id, roomId };
}

const positionOf = (page, id) => page.evaluate((id) => window.__tickstream.entities().find((e) => e.id === id), id);

/** Keeps a copy of the canvas' pixels in the page, to compare with later. */
const keepCanvas = (page) =>
  page.evaluate(() => {
    const c = document.querySelector("canvas#arena");
    window.__e2eKept = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  });

/** How many pixels differ from the kept copy. */
const changedPixels = (page) =>
  page.evaluate(() => {
    const c = document.querySelector("canvas#arena");
    const now = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    const kept = window.__e2eKept;
    if (!kept || kept.length !== now.length) return -1;
    let changed = 0;
    for (let i = 0; i < now.length; i += 4) {
      if (now[i] !== kept[i] || now[i + 1] !== kept[i + 1] || now[i + 2] !== kept[i + 2]) changed++;
    }
    return changed;
  });

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

async function run() {
  proxy = await startProxy(target.hostname, Number(target.port || (target.protocol === "https:" ? 443 : 80)));
  const base = `${target.protocol}//127.0.0.1:${proxy.port}/`;
  log(`server ${target.origin}, relayed at ${base}`);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ARGS, headless: true });

  // 1. Two players, one room.
  const a = await openPlayer(base, "alice");
  const b = await openPlayer(base, "bob");
  check(a.roomId === b.roomId, `the two players were put in different rooms (${a.roomId}, ${b.roomId})`);
  await bringIntoView(a, b);

  // 2. Alice moves; bob sees it. Bob looks at the whole map (M) so alice is on his canvas
  //    wherever the two spawned.
  await b.page.keyboard.press("KeyM");
  await b.page.waitForTimeout(300); // let interpolation settle on the still player
  await keepCanvas(b.page);
  await screenshot(b.page, "b-before.png");
  await moveAndWatch(a, b, 1000, 100);
  await a.page.waitForTimeout(400); // standing still: prediction and server must agree
  const own = await positionOf(a.page, a.id);
  const drawnSelf = await a.page.evaluate(() => window.__tickstream.drawn().find((p) => p.self));
  check(drawnSelf && Math.abs(drawnSelf.x - own.x) < 1 && Math.abs(drawnSelf.y - own.y) < 1,
    `alice's predicted position (${drawnSelf?.x}, ${drawnSelf?.y}) differs from the server's (${own.x}, ${own.y})`);
  const changed = await changedPixels(b.page);
  log(`bob's canvas: ${changed} pixels changed`);
  check(changed >= 50, `bob's canvas did not show alice moving (${changed} pixels changed)`);
  await screenshot(a.page, "a.png");
  await screenshot(b.page, "b.png");
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
  await screenshot(a.page, "a-resumed.png");

  // 4. The monitor shows the room; clicking it watches the room as a spectator.
  const monitor = await newPage(base, "monitor");
  await monitor.goto(new URL("monitor", base).toString(), { waitUntil: "load" });
  const row = monitor.locator("#rooms tr", { hasText: a.roomId });
  await row.waitFor({ timeout: 10_000 }).catch(() => {
    throw new Failure(`the monitor does not list room ${a.roomId}`);
  });
  await row.click();
  await waitFor(monitor, "the monitor to show both players as a spectator", ([x, y]) => {
    const t = window.__tickstream;
    const ids = t.entities().map((e) => e.id);
    return t.status === "live" && t.entityId === 0 && ids.includes(x) && ids.includes(y);
  }, [a.id, b.id]);
  await monitor.waitForTimeout(500);
  log(`the monitor watches room ${a.roomId} and sees both players`);
  await screenshot(monitor, "monitor.png");
}

const timer = setTimeout(() => {
  console.error(`e2e FAILED: timed out after ${timeoutMs / 1000} s`);
  console.log("e2e: 0 passed, 1 failed");
  process.exit(1);
}, timeoutMs);

try {
  await run();
  log(`screenshots: ${screenshots.join(", ")}`);
  log("passed");
  console.log("e2e: 1 passed, 0 failed");
  process.exitCode = 0;
} catch (e) {
  console.error(`e2e FAILED: ${e instanceof Failure ? e.message : e.stack}`);
  if (screenshots.length) console.error(`screenshots so far: ${screenshots.join(", ")}`);
  console.log("e2e: 0 passed, 1 failed");
  process.exitCode = 1;
} finally {
  clearTimeout(timer);
  await browser?.close().catch(() => {});
  await proxy?.close().catch(() => {});
}
