// Measures how soon the replay page draws after a seek, in Chromium, for one recording:
// random seeks over the whole match, the time from each seek to its first drawn frame.
//
//   node e2e/seek-time.mjs <baseUrl> <recordingId> [seeks=60]
//
// Prints the median, p95 and max. A figure for docs/BENCHMARKS.md, not a test.

import { Harness, waitFor } from "./lib.mjs";

const [base, id, n = "60"] = process.argv.slice(2);
const h = new Harness("/tmp");
await h.launch();
const page = await h.newPage("seek");
await page.goto(new URL(`replay/${id}`, base).href, { waitUntil: "load" });
await waitFor(page, "the replay", () => window.__replay?.ready && window.__replay.drawsSinceSeek > 3, undefined, 60_000);
await page.click("#replay-play"); // pause
const { firstTick, lastTick } = await page.evaluate(() => window.__replay);
const times = [];
let seed = 7;
for (let i = 0; i < Number(n); i++) {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  const t = firstTick + (seed % (lastTick - firstTick));
  await page.evaluate((t) => window.__replay.seek(t), t);
  await waitFor(page, `tick ${t}`, () => window.__replay.drawsSinceSeek > 0);
  times.push(await page.evaluate(() => window.__replay.lastSeekMs));
}
times.sort((a, b) => a - b);
const q = (p) => times[Math.min(times.length - 1, Math.floor(times.length * p))].toFixed(1);
console.log(`${times.length} seeks over ticks ${firstTick}..${lastTick}: median ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms to the first frame drawn`);
await h.close();
