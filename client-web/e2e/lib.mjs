// Shared pieces of the browser test (run.mjs): a Chromium launched from Debian's package (never
// a downloaded one), pages with separate storage, bounded waits on the page's test hook
// (window.__tickstream), screenshots, and canvas pixel comparisons.

import { join } from "node:path";
import { chromium } from "playwright-core";

const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const started = Date.now();

/** A failed expectation: reported by its message, without a stack. */
export class Failure extends Error {}

export const check = (ok, message) => {
  if (!ok) throw new Failure(message);
};

export const log = (message) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

/** The browser and the artifacts of one run. */
export class Harness {
  constructor(artifactDir) {
    this.artifactDir = artifactDir;
    this.screenshots = [];
    this.browser = undefined;
  }

  async launch() {
    this.browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ARGS, headless: true });
  }

  async close() {
    await this.browser?.close().catch(() => {});
  }

  /** A page in a context of its own: separate storage, like two people on two machines. */
  async newPage(name) {
    const context = await this.browser.newContext({ viewport: { width: 1000, height: 700 }, ignoreHTTPSErrors: true });
    const page = await context.newPage();
    page.on("pageerror", (e) => log(`${name}: page error: ${e.message}`));
    page.on("console", (m) => m.type() === "error" && log(`${name}: console error: ${m.text()}`));
    return page;
  }

  async screenshot(page, name) {
    const path = join(this.artifactDir, name);
    await page.screenshot({ path });
    this.screenshots.push(path);
  }
}

/** Polls `probe` in the page until it returns a truthy value or `ms` pass. */
export async function waitFor(page, what, probe, arg, ms = 15_000) {
  try {
    const handle = await page.waitForFunction(probe, arg, { timeout: ms, polling: 100 });
    return await handle.jsonValue();
  } catch {
    const state = await page.evaluate(() => window.__tickstream && `${window.__tickstream.status} ${window.__tickstream.reason}`).catch(() => "?");
    throw new Failure(`timed out waiting for ${what} (page status: ${state})`);
  }
}

/** Entity `id` in the page's newest snapshot (map units), undefined when absent. */
export const positionOf = (page, id) => page.evaluate((id) => window.__tickstream.entities().find((e) => e.id === id), id);

/** Keeps a copy of the game canvas' pixels in the page, to compare with later. */
export const keepCanvas = (page) =>
  page.evaluate(() => {
    const c = document.querySelector("canvas#view");
    window.__e2eKept = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  });

/** How many pixels of the game canvas differ from the kept copy. */
export const changedPixels = (page) =>
  page.evaluate(() => {
    const c = document.querySelector("canvas#view");
    const now = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    const kept = window.__e2eKept;
    if (!kept || kept.length !== now.length) return -1;
    let changed = 0;
    for (let i = 0; i < now.length; i += 4) {
      if (now[i] !== kept[i] || now[i + 1] !== kept[i + 1] || now[i + 2] !== kept[i + 2]) changed++;
    }
    return changed;
  });

/**
 * Whether our own player is drawn where the server last put it (prediction and server agree).
 * With `withinMs`, keeps asking that long (a slow link acknowledges the last inputs late);
 * returns the ms it took to agree.
 */
export async function checkPrediction(p, name, withinMs = 0) {
  const started = Date.now();
  for (;;) {
    const [own, drawnSelf] = await p.page.evaluate((id) => [window.__tickstream.entities().find((e) => e.id === id), window.__tickstream.drawn().find((d) => d.self)], p.id);
    if (own && drawnSelf && Math.abs(drawnSelf.x - own.x) < 1 && Math.abs(drawnSelf.y - own.y) < 1) return Date.now() - started;
    check(Date.now() - started < withinMs,
      `${name}'s predicted position (${drawnSelf?.x}, ${drawnSelf?.y}) differs from the server's (${own?.x}, ${own?.y})`);
    await p.page.waitForTimeout(100);
  }
}

/** Opens the game page at `base`, joins the default game (the arena) as `name`: { page, id, roomId }. */
export async function openPlayer(h, base, name, onPage = () => {}) {
  const page = await h.newPage(name);
  onPage(page);
  await page.goto(base, { waitUntil: "load" }).catch((e) => {
    throw new Failure(`cannot open ${base}: ${e.message.split("\n")[0]}`);
  });
  await page.fill("#name", name);
  await page.click("#play");
  const id = await waitFor(page, `${name} to be welcomed and get a snapshot`, () => {
    const t = window.__tickstream;
    return t && t.status === "live" && t.tick > 0 && t.entityId;
  });
  const [roomId, game] = await page.evaluate(() => [window.__tickstream.roomId, window.__tickstream.game]);
  check(game === "arena", `${name} was put in a ${game} room, not the arena (the default game)`);
  log(`${name} joined as entity ${id} in room ${roomId}`);
  return { page, id, roomId };
}

/** Opens the monitor, clicks room `roomId` and waits until the spectator view has every id in `ids`. */
export async function watchFromMonitor(h, base, roomId, ids, shot) {
  const monitor = await h.newPage("monitor");
  await monitor.goto(new URL("monitor", base).toString(), { waitUntil: "load" });
  const row = monitor.locator("#rooms tr", { hasText: roomId });
  await row.waitFor({ timeout: 10_000 }).catch(() => {
    throw new Failure(`the monitor does not list room ${roomId}`);
  });
  await row.click();
  await waitFor(monitor, `the monitor to show entities ${ids.join(", ")} as a spectator`, (ids) => {
    const t = window.__tickstream;
    const seen = t.entities().map((e) => e.id);
    return t.status === "live" && t.entityId === 0 && ids.every((id) => seen.includes(id));
  }, ids);
  await monitor.locator("#watch-canvas").scrollIntoViewIfNeeded();
  await monitor.waitForTimeout(500);
  await h.screenshot(monitor, shot);
  return monitor;
}
