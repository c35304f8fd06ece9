// The football half of the browser test: two pages pick football on the join form (mode
// 1v1, alice red, bob blue) and land in one room; once the kick-off is over, bob steps off the
// line between the ball and the blue goal, alice runs at the ball holding kick (her keys move
// her player: bob's mirror and canvas show it), the ball flies (both pages see it move) into
// the goal, and both pages show the score; the monitor then watches the room as a spectator.

import { changedPixels, check, checkPrediction, Failure, keepCanvas, log, positionOf, waitFor, watchFromMonitor } from "./lib.mjs";

/** Joins football from the form: game, team and mode picked in the selects. */
async function openFootball(h, base, name, team) {
  const page = await h.newPage(name);
  await page.goto(base, { waitUntil: "load" }).catch((e) => {
    throw new Failure(`cannot open ${base}: ${e.message.split("\n")[0]}`);
  });
  await waitFor(page, "the game picker to offer football", () => [...document.querySelectorAll("#game option")].some((o) => o.value === "football"), undefined, 5000);
  await page.selectOption("#game", "football");
  await page.selectOption("#team", team);
  await page.selectOption("#mode", "1v1");
  await page.fill("#name", name);
  await page.click("#play");
  const id = await waitFor(page, `${name} to be welcomed in football and get a snapshot`, () => {
    const t = window.__tickstream;
    return t && t.status === "live" && t.tick > 0 && t.game === "football" && t.entityId;
  });
  const roomId = await page.evaluate(() => window.__tickstream.roomId);
  const teamValue = await page.evaluate((id) => window.__tickstream.fields(id)?.team, id);
  check(teamValue === (team === "red" ? 0 : 1), `${name} asked for ${team} but plays for team ${teamValue}`);
  log(`${name} joined football as entity ${id} (${team}) in room ${roomId}`);
  return { page, id, roomId };
}

const ballOf = (page) => page.evaluate(() => window.__tickstream.entities().find((e) => e.kind === "ball"));

export async function footballScenario(h, base) {
  const a = await openFootball(h, base, "alice", "red");
  const b = await openFootball(h, base, "bob", "blue");
  check(a.roomId === b.roomId, `the two football players were put in different rooms (${a.roomId}, ${b.roomId})`);
  for (const [p, name] of [[a, "alice"], [b, "bob"]]) {
    await waitFor(p.page, `${name}'s page to show the match in play (after the kick-off)`, () => window.__tickstream.shown().phase === "play", undefined, 10_000);
  }
  const shown = await b.page.evaluate(() => window.__tickstream.shown());
  log(`both pages show the match in play: ${shown.score}, clock ${shown.clock}`);

  // Bob steps off the line from the ball to the blue goal (everyone kicks off on y = 400).
  await b.page.bringToFront();
  await b.page.keyboard.down("KeyS");
  await b.page.waitForTimeout(600);
  await b.page.keyboard.up("KeyS");
  await waitFor(a.page, "alice to see bob step aside", (id) => window.__tickstream.entities().find((e) => e.id === id)?.y >= 460, b.id, 5000);

  // Alice runs right at the ball holding kick: she kicks it as soon as it is within reach.
  await b.page.waitForTimeout(300); // let interpolation settle on the still players
  await keepCanvas(b.page);
  await h.screenshot(b.page, "football-b-before.png");
  const [alice0, ball0] = [await positionOf(b.page, a.id), await ballOf(b.page)];
  log(`alice at (${alice0.x}, ${alice0.y}) runs at the ball at (${ball0.x}, ${ball0.y}) holding D and J`);
  await a.page.bringToFront();
  await a.page.keyboard.down("KeyD");
  await a.page.keyboard.down("KeyJ");
  const runStart = Date.now();
  try {
    await waitFor(a.page, "alice's kick to send the ball off", (x0) => window.__tickstream.entities().find((e) => e.kind === "ball")?.x > x0 + 20, ball0.x, 8000);
    await a.page.waitForTimeout(Math.max(0, 600 - (Date.now() - runStart)));
  } finally {
    await a.page.keyboard.up("KeyJ");
    await a.page.keyboard.up("KeyD");
  }
  const seen = await waitFor(
    b.page,
    "bob to see alice run and the ball fly",
    ([id, ax, bx]) => {
      const all = window.__tickstream.entities();
      const alice = all.find((e) => e.id === id);
      const ball = all.find((e) => e.kind === "ball");
      return alice && ball && alice.x - ax >= 60 && ball.x - bx >= 40 && { alice, ball };
    },
    [a.id, alice0.x, ball0.x],
    8000,
  );
  log(`bob sees alice at (${seen.alice.x}, ${seen.alice.y}) and the ball at (${seen.ball.x}, ${seen.ball.y})`);
  const aliceBall = await ballOf(a.page);
  check(aliceBall.x - ball0.x >= 40, `alice's page does not show the ball moving (${ball0.x} -> ${aliceBall.x})`);
  const changed = await changedPixels(b.page);
  log(`bob's canvas: ${changed} pixels changed`);
  check(changed >= 50, `bob's canvas did not show alice and the ball moving (${changed} pixels changed)`);

  // The ball rolls into the blue goal: both pages show the score (canvas strip and scoreboard).
  for (const [p, name] of [[a, "alice"], [b, "bob"]]) {
    const score = await waitFor(p.page, `${name}'s page to show red's goal`, () => {
      const s = window.__tickstream.shown();
      const board = document.querySelector("#scoreboard")?.textContent ?? "";
      return s.scoreRed === 1 && s.scoreBlue === 0 && board.includes("Red 1 – 0 Blue") && `${s.score}, banner "${s.banner}"`;
    }, undefined, 8000);
    log(`${name}'s page shows ${score}`);
  }
  await h.screenshot(a.page, "football-a-goal.png");
  await h.screenshot(b.page, "football-b-goal.png");
  await checkPrediction(a, "alice");

  const monitor = await watchFromMonitor(h, base, a.roomId, [a.id, b.id], "football-monitor.png");
  const watched = await monitor.evaluate(() => ({ game: window.__tickstream.game, shown: window.__tickstream.shown(), drawn: window.__tickstream.drawn().map((d) => d.kind) }));
  check(watched.game === "football" && watched.shown.score === "Red 1 – 0 Blue" && watched.drawn.includes("ball"),
    `the monitor's football view is off: ${JSON.stringify(watched)}`);
  log(`the monitor watches football room ${a.roomId}: ${watched.shown.score}, drawing ${watched.drawn.join(", ")}`);
}
