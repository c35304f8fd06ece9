// Replay scenario: the arena match the run just played was recorded (the server runs with
// RECORD=all); /api/replays lists it, /replay/<id> plays it, a seek from the start to the
// last moment both players were there changes the canvas (they have moved), and malformed or
// unknown ids are refused. The football match plays through football's renderer.

import { changedPixels, check, keepCanvas, log, waitFor } from "./lib.mjs";

export async function replayScenario(h, base) {
  for (const [path, status] of [["api/replays/..%2F..%2Fpom.xml", 400], ["api/replays/a.b", 400], ["api/replays/nosuchreplay", 404]]) {
    const res = await fetch(new URL(path, base));
    check(res.status === status, `GET /${path} answered ${res.status}, not ${status}`);
  }
  const list = await (await fetch(new URL("api/replays", base))).json();
  const arena = list.find((e) => e.game === "arena" && e.lastTick - e.firstTick > 100); // newest first
  check(arena && arena.lastTick - arena.firstTick > 100, `no arena recording of a few seconds listed: ${JSON.stringify(list)}`);
  log(`replay ${arena.id}: ${arena.players.join(", ")}, ticks ${arena.firstTick}..${arena.lastTick}, ${arena.bytes} bytes`);
  const page = await h.newPage("replay");
  await page.goto(new URL(`replay/${arena.id}`, base).href, { waitUntil: "load" });
  await waitFor(page, "the replay to load and draw", () => window.__replay && (window.__replay.error || (window.__replay.ready && window.__replay.drawsSinceSeek > 3)));
  const error = await page.evaluate(() => window.__replay.error);
  check(!error, `the replay did not load: ${error}`);
  await page.click("#replay-play"); // pause, so that only the seek moves the picture
  const { firstTick, lastTick } = await page.evaluate(() => window.__replay);
  await page.evaluate((t) => window.__replay.seek(t), firstTick + 20);
  await waitFor(page, "the start to be drawn", () => window.__replay.drawsSinceSeek > 3);
  await keepCanvas(page);
  // The latest moment both players were still in the room (after the pages closed it is empty).
  let target = lastTick;
  for (; target > firstTick + 60; target -= 20) {
    await page.evaluate((t) => window.__replay.seek(t), target);
    await waitFor(page, `tick ${target} to be drawn`, () => window.__replay.drawsSinceSeek > 1);
    if ((await page.evaluate(() => window.__replay.players)) >= 2) break;
  }
  const [tick, seekMs, players] = await page.evaluate(() => [window.__replay.tick, window.__replay.lastSeekMs, window.__replay.players]);
  check(players >= 2 && Math.abs(tick - target) < 1, `no tick with both players found by seeking back from the end (at ${tick}: ${players} players)`);
  const changed = await changedPixels(page);
  check(changed > 100, `seeking across the match changed only ${changed} pixels of the canvas`);
  await h.screenshot(page, "replay.png");
  log(`replay seeked from tick ${firstTick + 20} to ${target}: ${changed} pixels changed, first frame drawn ${seekMs.toFixed(1)} ms after the seek`);
  await page.context().close();

  // The football match too, through football's renderer.
  // Chunks reach the disk every 5 s: the match just played may hold only a few seconds yet.
  const football = list.find((e) => e.game === "football" && e.lastTick - e.firstTick >= 40);
  check(football, `no football recording listed: ${JSON.stringify(list)}`);
  const pitch = await h.newPage("replay-football");
  await pitch.goto(new URL(`replay/${football.id}`, base).href, { waitUntil: "load" });
  await waitFor(pitch, "the football replay to draw", () => window.__replay && (window.__replay.error || (window.__replay.ready && window.__replay.drawsSinceSeek > 3)));
  await pitch.click("#replay-play");
  const end = (await pitch.evaluate(() => window.__replay.lastTick)) - 20;
  await pitch.evaluate((t) => window.__replay.seek(t), end);
  await waitFor(pitch, "the football players to be drawn", () => window.__replay.drawsSinceSeek > 1 && window.__replay.players >= 2);
  await h.screenshot(pitch, "replay-football.png");
  log(`football replay ${football.id} drawn at tick ${end} with both players`);
  await pitch.context().close();
}
