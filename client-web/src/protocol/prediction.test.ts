import { describe, expect, it } from "vitest";
import { Predictor, type InputAck, type PredictedInput, type Vec2 } from "./prediction.js";

/** A stand-in for a game's step: 10 map units per tick at full stick (127). */
interface Stick {
  readonly moveX: number;
  readonly moveY: number;
}
const step = (p: Vec2, i: Stick): Vec2 => ({ x: p.x + (i.moveX * 10) / 127, y: p.y + (i.moveY * 10) / 127 });
const right = (seq: number): PredictedInput<Stick> => ({ seq, input: { moveX: 127, moveY: 0 } });
/** What a snapshot at `tick` that shows `lastInputSeq` applied says. */
const ack = (tick: number, lastInputSeq: number): InputAck => ({ tick, lastInputSeq });

/** A link between one client and a server that holds its inputs, in whole ticks. */
interface Link {
  /** Ticks from sending an input to the first server tick that can apply it. */
  readonly up: number;
  /** Ticks from a snapshot's tick to its arrival, before stalls. */
  readonly down: number;
  /** The server sends every this-many ticks' snapshot. */
  readonly sendEvery: number;
  /** Downlink stalls, [first tick, ticks]: what is sent meanwhile arrives at their end, at once. */
  readonly stalls: readonly (readonly [number, number])[];
  /** During a stall the server skips all but the first snapshot (its write queue is full). */
  readonly skipInStall?: boolean;
}

/**
 * Plays `ticks` ticks: each tick the client reads a stick that changes now and then, sends it
 * only when it changes and predicts the tick; the server, at the same rate, applies the inputs
 * that arrived by its tick (the last one holds), steps, and sends a snapshot with its tick; the
 * client reconciles each snapshot that has arrived, in order. The server thus runs exactly the
 * client's steps, `up` ticks later. Returns the largest distance, after a reconcile, between the
 * prediction and where all the client's steps put the player (from tick `from` on), and the
 * predictor.
 */
function playOver(link: Link, ticks: number, from = 0): { worst: number; p: Predictor<Stick> } {
  const p = new Predictor(step, { maxPending: 256 });
  let rng = 12345;
  const random = () => (rng = (rng * 1103515245 + 12345) % 2147483648) / 2147483648;
  const sticks: number[] = [];
  for (let hold = 0, stick = 0; sticks.length < ticks; hold--) {
    if (hold <= 0) [stick, hold] = [[-127, -64, 0, 64, 127][Math.floor(random() * 5)], 1 + Math.floor(random() * 15)];
    sticks.push(stick);
  }
  const sent: { seq: number; stick: number; at: number }[] = []; // inputs, arriving at tick `at`
  const inFlight: { tick: number; x: number; seq: number; at: number }[] = [];
  let seq = 0;
  let truth = 1000;
  let server = { x: 1000, held: undefined as number | undefined, seq: 0, next: 0 };
  let arrival = 0;
  let worst = 0;
  p.reconcile({ x: 1000, y: 0 }, ack(1, 0), 0);
  for (let t = 2; t < ticks; t++) {
    // The client's tick t: read, send on change, predict.
    const stick = sticks[t];
    const fresh = seq === 0 || stick !== sticks[t - 1];
    if (fresh) sent.push({ seq: ++seq, stick, at: t + link.up });
    p.push({ seq, input: { moveX: stick, moveY: 0 }, sent: fresh }, t * 50);
    truth += (stick * 10) / 127;
    // The server's tick t: every input that arrived by now (the last one holds), one step.
    while (server.next < sent.length && sent[server.next].at <= t) {
      server = { ...server, held: sent[server.next].stick, seq: sent[server.next].seq, next: server.next + 1 };
    }
    if (server.held !== undefined) server = { ...server, x: server.x + (server.held * 10) / 127 };
    const stall = link.stalls.find(([from, n]) => t >= from && t < from + n);
    if (t % link.sendEvery === 0 && !(stall && link.skipInStall && t > stall[0])) {
      arrival = Math.max(arrival, t + link.down, stall ? stall[0] + stall[1] : 0); // in order, as TCP
      inFlight.push({ tick: t, x: server.x, seq: server.seq, at: arrival });
    }
    // The snapshots that have arrived, in a burst after a stall.
    while (inFlight.length > 0 && inFlight[0].at <= t) {
      const snapshot = inFlight.shift()!;
      p.reconcile({ x: snapshot.x, y: 0 }, ack(snapshot.tick, snapshot.seq), t * 50);
      if (t >= from) worst = Math.max(worst, Math.abs(p.position!.x - truth));
    }
  }
  return { worst, p };
}

describe("Predictor", () => {
  it("moves at once when an input is sent, before any snapshot confirms it", () => {
    const p = new Predictor(step);
    p.reconcile({ x: 100, y: 100 }, ack(1, 0), 0);
    p.push(right(1), 0);
    p.push(right(2), 50);
    expect(p.position).toEqual({ x: 120, y: 100 });
    expect(p.unacknowledged.map((i) => i.seq)).toEqual([1, 2]);
  });

  it("replays the inputs the server has not applied on top of its position", () => {
    const p = new Predictor(step);
    p.reconcile({ x: 100, y: 100 }, ack(1, 0), 0);
    for (let seq = 1; seq <= 5; seq++) p.push(right(seq), seq * 50);
    // The server applied inputs 1 and 2: it has the player at 120; 3, 4 and 5 are in flight.
    p.reconcile({ x: 120, y: 100 }, ack(3, 2), 250);
    expect(p.unacknowledged.map((i) => i.seq)).toEqual([3, 4, 5]);
    expect(p.position).toEqual({ x: 150, y: 100 });
  });

  it("follows the server when it disagrees, and hides the jump with a decaying offset", () => {
    const p = new Predictor(step, { smoothingMs: 100 });
    p.reconcile({ x: 100, y: 100 }, ack(1, 0), 0);
    for (let seq = 1; seq <= 3; seq++) p.push(right(seq), seq * 50);
    // The server says input 1 hit something: still at 100 after it.
    p.reconcile({ x: 100, y: 100 }, ack(2, 1), 200);
    expect(p.position).toEqual({ x: 120, y: 100 });
    // Right after, the drawn position is still where the player saw itself (130)...
    expect(p.renderPosition(200, 50)!.x).toBeCloseTo(130, 5);
    // ...and it converges on the corrected prediction.
    expect(p.renderPosition(400, 50)!.x).toBeCloseTo(121.35, 1); // 10 · e^-2 left
    expect(p.renderPosition(1200, 50)!.x).toBeCloseTo(120, 3);
  });

  it("replays a held input's ticks the server has not run, with inputs sent only on change", () => {
    // Inputs reach the server 2 ticks after they are sent and its snapshots come back 1 tick
    // later: a snapshot that arrives at client tick c holds the steps of client ticks up to
    // c - 3. The stick changes now and then; the client sends only the changes.
    const p = new Predictor(step);
    const up = 2;
    const down = 1;
    const sticks = [127, 127, 127, 127, 0, 0, -127, -127, -127, -127, -127, 64, 64, 64, 64, 64, 64, 0, 0, 0];
    let seq = 0;
    let last: number | undefined;
    const sentSeq: number[] = []; // the seq in force at each client tick
    let truth = 100; // where the client's own ticks, all run, put the player
    const serverX: number[] = [100]; // the server's x after each of its ticks
    p.reconcile({ x: 100, y: 0 }, ack(1, 0), 0);
    for (let c = 0; c < sticks.length + 6; c++) {
      const stick = sticks[Math.min(c, sticks.length - 1)];
      const fresh = stick !== last;
      if (fresh) seq++;
      last = stick;
      sentSeq.push(seq);
      p.push({ seq, input: { moveX: stick, moveY: 0 }, sent: fresh }, c * 50);
      truth += (stick * 10) / 127;
      // The server's tick c - up runs the client tick c - up's input, which arrived by then.
      const s = c - up;
      if (s >= 0) serverX.push(serverX[s] + (sticks[Math.min(s, sticks.length - 1)] * 10) / 127);
      // The snapshot of server tick c - up - down arrives now.
      const at = c - up - down;
      if (at >= 0) {
        p.reconcile({ x: serverX[at + 1], y: 0 }, ack(at + 1, sentSeq[at]), c * 50);
        expect(p.position!.x).toBeCloseTo(truth, 9);
        expect(p.unacknowledged.length).toBe(up + down);
      }
    }
    expect(seq).toBe(5); // five changes sent for 26 ticks
  });

  it("replays exactly the held input's ticks the server has not run when a stalled link delivers snapshots in a burst", () => {
    // 200-400 ms stalls of the downlink (TCP retransmits): snapshots come late, then all at once,
    // each with its own tick. The server ran every step the client did, so no correction at all.
    const stalls = [[40, 4], [90, 8], [150, 6], [230, 8], [300, 5]] as const;
    for (const link of [
      { up: 2, down: 1, sendEvery: 1, stalls },
      { up: 1, down: 3, sendEvery: 1, stalls },
      { up: 3, down: 2, sendEvery: 1, stalls, skipInStall: true },
    ]) {
      const { worst, p } = playOver(link, 400);
      expect(worst, JSON.stringify(link)).toBeLessThan(1e-9);
      expect(p.maxCorrection, JSON.stringify(link)).toBeLessThan(1e-9);
    }
  });

  it("places the tick that first applied an input between snapshots sent every few ticks", () => {
    // Snapshots every 2nd or 4th tick: the first one showing an input may come ticks after the
    // server first applied it. Once the predictor has seen inputs land at different points
    // between snapshots it knows the send-to-apply delay, and is exact again.
    for (const sendEvery of [2, 4]) {
      const stalls = [[120, 8], [200, 6]] as const;
      const link = { up: 2, down: 1, sendEvery, stalls };
      expect(playOver(link, 400).worst).toBeLessThanOrEqual(10 * (sendEvery - 1) + 1e-9); // a few steps, early on
      expect(playOver(link, 400, 60).worst).toBeLessThan(1e-9);
    }
  });

  it("follows a server that applied an input later than usual, by the ticks it held the old one longer", () => {
    // Input 1 (right) is applied from tick 11 on, input 2 (stop), sent 4 ticks after it, only
    // from tick 17 (2 ticks late): the server ran 6 steps of input 1, the client predicted 4.
    const p = new Predictor(step);
    const stop = (seq: number, sent: boolean): PredictedInput<Stick> => ({ seq, input: { moveX: 0, moveY: 0 }, sent });
    p.reconcile({ x: 1000, y: 0 }, ack(10, 0), 0);
    p.push(right(1), 0);
    for (let i = 1; i < 4; i++) p.push({ ...right(1), sent: false }, i * 50);
    p.push(stop(2, true), 200);
    p.push(stop(2, false), 250);
    p.push(stop(2, false), 300);
    p.reconcile({ x: 1010, y: 0 }, ack(11, 1), 300); // input 1's first step
    expect(p.position!.x).toBeCloseTo(1040, 9);
    p.reconcile({ x: 1040, y: 0 }, ack(14, 1), 300); // 4 steps of input 1 run: nothing to correct
    expect(p.position!.x).toBeCloseTo(1040, 9);
    expect(p.unacknowledged.map((i) => i.seq)).toEqual([2, 2, 2]);
    p.reconcile({ x: 1060, y: 0 }, ack(16, 1), 350); // 6 run, more than predicted: drop the 4, no more
    expect(p.unacknowledged.map((i) => i.seq)).toEqual([2, 2, 2]);
    expect(p.position!.x).toBeCloseTo(1060, 9);
    p.reconcile({ x: 1060, y: 0 }, ack(17, 2), 400); // input 2's first step
    expect(p.unacknowledged.length).toBe(2);
    expect(p.maxCorrection).toBeCloseTo(20, 9); // just the two steps the server really added
  });

  it("counts afresh after a reset, on the new connection's ticks", () => {
    const p = new Predictor(step);
    const held = (seq: number, n: number, at: number) => {
      p.push(right(seq), at);
      for (let i = 1; i < n; i++) p.push({ ...right(seq), sent: false }, at + i * 50);
    };
    p.reconcile({ x: 0, y: 0 }, ack(500, 0), 0);
    held(1, 4, 0);
    p.reconcile({ x: 10, y: 0 }, ack(502, 1), 200);
    p.reconcile({ x: 20, y: 0 }, ack(503, 1), 250);
    expect(p.unacknowledged.length).toBe(2);
    p.reset(); // resumed on another node: ticks and seqs start lower
    p.reconcile({ x: 0, y: 0 }, ack(7, 0), 300);
    held(1, 4, 300);
    p.reconcile({ x: 10, y: 0 }, ack(9, 1), 500);
    expect(p.unacknowledged.length).toBe(3);
    expect(p.position!.x).toBeCloseTo(40, 9);
    p.reconcile({ x: 20, y: 0 }, ack(10, 1), 550);
    expect(p.unacknowledged.length).toBe(2);
    expect(p.position!.x).toBeCloseTo(40, 9);
  });

  it("refuses a held tick whose seq is not the last one sent", () => {
    const p = new Predictor(step);
    p.push(right(1), 0);
    expect(() => p.push({ ...right(2), sent: false }, 50)).toThrow(RangeError);
    expect(() => p.push(right(1), 50)).toThrow(RangeError);
    p.push({ ...right(1), sent: false }, 50);
    expect(p.unacknowledged.length).toBe(2);
  });

  it("keeps the largest correction a snapshot made, leaving teleports out", () => {
    const p = new Predictor(step);
    p.reconcile({ x: 100, y: 100 }, ack(1, 0), 0);
    expect(p.maxCorrection).toBe(0); // the first position is no correction
    for (let seq = 1; seq <= 3; seq++) p.push(right(seq), seq * 50);
    p.reconcile({ x: 100, y: 100 }, ack(2, 1), 200); // input 1 did not move it: 130 -> 120
    expect(p.maxCorrection).toBeCloseTo(10, 9);
    p.reconcile({ x: 113, y: 100 }, ack(3, 2), 250); // 120 -> 123: smaller, the largest stays
    expect(p.maxCorrection).toBeCloseTo(10, 9);
    p.reconcile({ x: 3000, y: 2000 }, ack(4, 3), 300, true); // a respawn
    expect(p.maxCorrection).toBeCloseTo(10, 9);
    p.reset();
    expect(p.maxCorrection).toBeCloseTo(10, 9);
  });

  it("snaps on a teleport (respawn) instead of smoothing", () => {
    const p = new Predictor(step);
    p.reconcile({ x: 100, y: 100 }, ack(1, 0), 0);
    p.push(right(1), 50);
    p.reconcile({ x: 3000, y: 2000 }, ack(2, 1), 100, true);
    expect(p.renderPosition(100, 50)).toEqual({ x: 3000, y: 2000 });
  });

  it("snaps a correction too large to be a misprediction", () => {
    const p = new Predictor(step, { snapDistance: 50 });
    p.reconcile({ x: 100, y: 100 }, ack(1, 0), 0);
    p.reconcile({ x: 400, y: 100 }, ack(2, 0), 10);
    expect(p.renderPosition(10, 50)).toEqual({ x: 400, y: 100 });
  });

  it("draws between the last two predicted ticks, so 20 Hz inputs look smooth", () => {
    const p = new Predictor(step);
    p.reconcile({ x: 100, y: 100 }, ack(1, 0), 0);
    p.push(right(1), 1000);
    expect(p.renderPosition(1000, 50)!.x).toBeCloseTo(100, 5);
    expect(p.renderPosition(1025, 50)!.x).toBeCloseTo(105, 5);
    expect(p.renderPosition(1050, 50)!.x).toBeCloseTo(110, 5);
    expect(p.renderPosition(1200, 50)!.x).toBeCloseTo(110, 5);
  });

  it("draws without a jump when a snapshot acknowledges every input sent (a short round trip)", () => {
    const p = new Predictor(step);
    p.reconcile({ x: 100, y: 100 }, ack(1, 0), 0);
    p.push(right(1), 1000);
    const drawn = p.renderPosition(1020, 50)!;
    p.reconcile({ x: 110, y: 100 }, ack(2, 1), 1020); // the server is already where we predicted
    expect(p.unacknowledged).toEqual([]);
    expect(p.renderPosition(1020, 50)!.x).toBeCloseTo(drawn.x, 9);
    expect(p.renderPosition(1050, 50)!.x).toBeCloseTo(110, 9);
  });

  it("agrees with a server that applies one input per tick, whatever the latency", () => {
    for (const latencyTicks of [0, 1, 3, 7]) {
      const p = new Predictor(step);
      let server: Vec2 = { x: 2000, y: 2000 };
      p.reconcile(server, ack(1, 0), 0);
      const inFlight: PredictedInput<Stick>[] = [];
      let applied = 0;
      for (let seq = 1; seq <= 60; seq++) {
        const input = { seq, input: { moveX: seq % 20 < 10 ? 127 : -90, moveY: seq % 7 < 3 ? 127 : 0 } };
        p.push(input, seq * 50);
        inFlight.push(input);
        if (inFlight.length > latencyTicks) {
          const next = inFlight.shift()!;
          server = step(server, next.input);
          applied = next.seq;
          const before = p.position;
          p.reconcile(server, ack(1 + applied, applied), seq * 50);
          expect(p.position).toEqual(before); // a right prediction needs no correction
        }
      }
      expect(p.unacknowledged.length).toBe(latencyTicks);
    }
  });

  it("keeps at most maxPending inputs", () => {
    const p = new Predictor(step, { maxPending: 3 });
    for (let seq = 1; seq <= 10; seq++) p.push(right(seq), seq);
    expect(p.unacknowledged.map((i) => i.seq)).toEqual([8, 9, 10]);
  });

  it("refuses inputs whose seq does not increase", () => {
    const p = new Predictor(step);
    p.push(right(4), 0);
    expect(() => p.push(right(4), 1)).toThrow(RangeError);
  });

  it("predicts nothing before it knows where the player is, then replays what was sent", () => {
    const p = new Predictor(step);
    p.push(right(1), 0);
    expect(p.position).toBeUndefined();
    expect(p.renderPosition(0, 50)).toBeUndefined();
    p.reconcile({ x: 100, y: 100 }, ack(1, 0), 10);
    expect(p.position).toEqual({ x: 110, y: 100 });
  });

  it("forgets everything on reset (a new connection numbers inputs from 1)", () => {
    const p = new Predictor(step);
    p.reconcile({ x: 100, y: 100 }, ack(1, 0), 0);
    p.push(right(9), 0);
    p.reset();
    expect(p.position).toBeUndefined();
    expect(p.unacknowledged).toEqual([]);
    p.push(right(1), 0);
  });
});
