import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeSockets, type FakeSocket } from "../test-support/fake-socket.js";
import { footballGame } from "../test-support/football.js";
import { fullSnapshot, Role, URL0, welcome } from "../test-support/session-harness.js";
import { Session, type SessionOptions, type SessionStatus } from "./session.js";

type Football = typeof footballGame;

describe("Session", () => {
  let net: ReturnType<typeof fakeSockets>;
  let statuses: [SessionStatus, string][];
  let intent = { moveX: 127, moveY: 0, kick: true };

  beforeEach(() => {
    vi.useFakeTimers();
    net = fakeSockets();
    statuses = [];
    intent = { moveX: 127, moveY: 0, kick: true };
  });
  afterEach(() => vi.useRealTimers());

  function start(extra: Partial<SessionOptions<Football>> = {}) {
    return new Session({
      url: URL0,
      name: "ann",
      game: footballGame,
      input: () => intent,
      webSocket: net.factory,
      now: () => Date.now(),
      events: { onStatus: (s, r) => statuses.push([s, r]) },
      ...extra,
    }).start();
  }

  function joinAsPlayer(session: Session<Football>, socket: FakeSocket = net.last()) {
    socket.accept();
    socket.deliver(welcome(Role.PLAYER, 7));
    socket.deliver(fullSnapshot(100, 7, 500, 600));
    return session;
  }

  it("opens the matchmade URL with the tickstream.v1 subprotocol and joins first", () => {
    start();
    const socket = net.last();
    expect(socket.url).toBe(URL0);
    expect(socket.protocols).toEqual(["tickstream.v1"]);
    expect(socket.binaryType).toBe("arraybuffer");
    socket.accept();
    expect(socket.sent[0].msg).toEqual({ case: "join", value: expect.objectContaining({ name: "ann", client: "tickstream-web/0.1" }) });
  });

  it("sends one input per tick with increasing seq and the last applied tick, when asked to", () => {
    const session = joinAsPlayer(start({ inputs: "per-tick" }));
    expect(session.status).toBe("live");
    expect(session.entityId).toBe(7);
    vi.advanceTimersByTime(50 * 3);
    const inputs = net.last().sentOf("input");
    expect(inputs.map((i) => i.seq)).toEqual([1, 2, 3]);
    expect(inputs[0]).toEqual(expect.objectContaining({ ackTick: 100 }));
    net.last().deliver(fullSnapshot(101, 7, 510, 600, 1));
    vi.advanceTimersByTime(50);
    expect(net.last().sentOf("input")[3].ackTick).toBe(101);
  });

  it("stamps each input with the tick it shows others at (lag compensation), else the newest", () => {
    const session = joinAsPlayer(start());
    const last = () => net.last().sentOf("input").at(-1)!;
    session.sendInput(intent);
    expect(last().viewTick).toBe(100); // nothing drawn yet: the newest applied snapshot
    session.viewTick = 96.6; // a renderer 100 ms behind, between ticks 96 and 97
    session.sendInput(intent);
    expect(last().viewTick).toBe(97);
    session.viewTick = Number.NaN;
    session.sendInput(intent);
    expect(last().viewTick).toBe(100);
  });

  it("predicts its own player from the inputs the server has not applied yet", () => {
    const session = joinAsPlayer(start({ inputs: "per-tick" }));
    vi.advanceTimersByTime(50 * 3); // inputs 1..3, each 10 units right
    expect(session.predictor.position).toEqual({ x: 530, y: 600, stamina: 5 });
    net.last().deliver(fullSnapshot(101, 7, 510, 600, 1)); // server applied input 1
    expect(session.predictor.position).toEqual({ x: 530, y: 600, stamina: 5 });
    expect(session.predictor.unacknowledged.map((i) => i.seq)).toEqual([2, 3]);
  });

  it("sends an input only when it changes, yet predicts every tick with the one held", () => {
    const session = joinAsPlayer(start());
    vi.advanceTimersByTime(50 * 3); // one input, held for three ticks of 10 units each
    expect(net.last().sentOf("input").map((i) => i.seq)).toEqual([1]);
    expect(session.predictor.position).toEqual({ x: 530, y: 600, stamina: 5 });
    // The server applied input 1 on its first tick and holds it: it is at 510 after one tick;
    // the input took its first step to come back, so the last two steps are replayed.
    net.last().deliver(fullSnapshot(101, 7, 510, 600, 1));
    expect(session.predictor.position).toEqual({ x: 530, y: 600, stamina: 5 });
    expect(session.predictor.unacknowledged.map((i) => i.seq)).toEqual([1, 1]);
    intent = { moveX: 0, moveY: 0, kick: false };
    vi.advanceTimersByTime(50 * 4);
    const inputs = net.last().sentOf("input");
    expect(inputs.map((i) => i.seq)).toEqual([1, 2]);
    expect(inputs[1].ackTick).toBe(101);
    expect(session.predictor.position).toEqual({ x: 530, y: 600, stamina: 5 });
  });

  it("keeps a silent session alive with an Ack a third of the idle timeout apart, and acks only as often as asked", () => {
    const session = start();
    const socket = net.last();
    socket.accept();
    socket.deliver(welcome(Role.PLAYER, 7, { idleTimeoutMs: 3000 }));
    let tick = 100;
    const run = (ms: number) => {
      for (let t = 0; t < ms; t += 50) {
        socket.deliver(fullSnapshot(tick++, 7, 500, 600, 1));
        vi.advanceTimersByTime(50);
      }
    };
    run(3000); // pings every second keep it alive already: no Ack needed
    expect(session.status).toBe("live");
    expect(socket.sentOf("input").length).toBe(1); // the intent never changed
    expect(socket.sentOf("ack")).toEqual([]);
    const quiet = start({ pingIntervalMs: 60_000 });
    const s2 = net.last();
    s2.accept();
    s2.deliver(welcome(Role.PLAYER, 7, { idleTimeoutMs: 3000, ackIntervalMs: 0 }));
    for (let t = 0; t < 3000; t += 50) {
      s2.deliver(fullSnapshot(tick++, 7, 500, 600, 1));
      vi.advanceTimersByTime(50);
    }
    expect(quiet.status).toBe("live");
    expect(s2.sentOf("ack").length).toBe(2); // at 1 s and 2 s: a keep-alive each
    const acked = start({ pingIntervalMs: 60_000 });
    const s3 = net.last();
    s3.accept();
    s3.deliver(welcome(Role.PLAYER, 7, { idleTimeoutMs: 30_000, ackIntervalMs: 200 }));
    for (let t = 0; t < 1000; t += 50) {
      s3.deliver(fullSnapshot(tick++, 7, 500, 600, 1));
      vi.advanceTimersByTime(50);
    }
    expect(acked.status).toBe("live");
    // Deltas against acks: every 200 ms an Ack of the newest tick, not one per snapshot.
    const acks = s3.sentOf("ack").map((a) => a.ackTick);
    expect(acks.length).toBeGreaterThanOrEqual(4);
    expect(acks.length).toBeLessThanOrEqual(5);
    expect(acks.at(-1)).toBeGreaterThan(acks[0]);
  });

  it("pings every second and shows the round trip", () => {
    const session = joinAsPlayer(start());
    const ping = net.last().sentOf("ping")[0];
    vi.advanceTimersByTime(30);
    net.last().deliver({ msg: { case: "pong", value: { clientTimeMs: ping.clientTimeMs, serverTimeMs: 1n, tick: 100 } } });
    expect(session.stats.pingMs).toBe(30);
    vi.advanceTimersByTime(1000);
    expect(net.last().sentOf("ping").length).toBe(2);
  });

  it("counts the longest wait between snapshots and the late ones, but not the time between connections", () => {
    const session = joinAsPlayer(start()); // tick 100 at t = 0; 20 snapshots per second
    const socket = net.last();
    const after = (ms: number, tick: number, to = socket) => {
      vi.advanceTimersByTime(ms);
      to.deliver(fullSnapshot(tick, 7, 500, 600));
    };
    after(50, 101);
    after(100, 103); // two intervals: not late yet
    expect([session.stats.maxSnapshotGapMs, session.stats.lateSnapshots]).toEqual([100, 0]);
    after(350, 110); // a stall
    after(10, 111); // what queued behind it
    after(120, 113);
    expect([session.stats.maxSnapshotGapMs, session.stats.lateSnapshots]).toEqual([350, 2]);
    socket.serverClose(1006);
    vi.advanceTimersByTime(2000);
    const again = net.last();
    again.accept();
    again.deliver(welcome(Role.PLAYER, 7, { resumed: true }));
    after(0, 200, again);
    after(50, 201, again);
    expect([session.stats.maxSnapshotGapMs, session.stats.lateSnapshots]).toEqual([350, 2]);
    expect(session.stats.snapshots).toBe(8);
  });

  it("acks as a spectator when the server asks for acks, and sends no input", () => {
    const session = start({ input: undefined });
    const socket = net.last();
    socket.accept();
    socket.deliver(welcome(Role.SPECTATOR, 0, { ackIntervalMs: 200 }));
    socket.deliver(fullSnapshot(100, 7, 500, 600));
    socket.deliver(fullSnapshot(101, 7, 510, 600));
    vi.advanceTimersByTime(200);
    socket.deliver(fullSnapshot(105, 7, 510, 600));
    vi.advanceTimersByTime(500);
    expect(session.isPlayer).toBe(false);
    expect(socket.sentOf("ack").map((a) => a.ackTick)).toEqual([100, 105]);
    expect(socket.sentOf("input")).toEqual([]);
  });

  it("does not ack a snapshot it cannot apply, and counts it", () => {
    const errors: Error[] = [];
    const session = joinAsPlayer(start({ events: { onError: (e) => errors.push(e) } }));
    net.last().deliver({ msg: { case: "snapshot", value: { tick: 105, baseTick: 103, ids: [7], masks: [2], values: [4] } } });
    vi.advanceTimersByTime(50);
    expect(session.stats.snapshotErrors).toBe(1);
    expect(session.lastAppliedTick).toBe(100);
    expect(net.last().sentOf("input")[0].ackTick).toBe(100);
    expect(errors.map((e) => e.message)).toEqual(["snapshot 105 (base 103): base tick is not stored"]);
  });

  it("resumes a dropped connection with the resume token and numbers inputs from 1 again", () => {
    const session = joinAsPlayer(start());
    vi.advanceTimersByTime(100);
    net.last().serverClose(1006);
    expect(session.status).toBe("reconnecting");
    vi.advanceTimersByTime(0);
    const again = net.last();
    expect(net.sockets.length).toBe(2);
    expect(new URL(again.url).searchParams.get("token")).toBe("resume-1");
    expect(new URL(again.url).pathname).toBe("/ws");
    again.accept();
    again.deliver(welcome(Role.PLAYER, 7, { resumed: true, resumeToken: "resume-2" }));
    again.deliver(fullSnapshot(140, 7, 520, 600));
    vi.advanceTimersByTime(50);
    expect(session.status).toBe("live");
    expect(statuses.at(-1)).toEqual(["live", "resumed"]);
    expect(again.sentOf("input")[0].seq).toBe(1);
    expect(session.stats.resumes).toBe(1);
  });

  it("gives up with a clear reason when it cannot resume within the grace period", () => {
    const session = joinAsPlayer(start());
    net.last().serverClose(1006);
    for (let i = 0; i < 30 && session.status === "reconnecting"; i++) {
      vi.advanceTimersByTime(2000);
      net.last().close(); // the handshake is refused (a browser sees 1006, not the 401)
    }
    expect(session.status).toBe("closed");
    expect(session.reason).toMatch(/could not resume within 5 s/);
    expect(net.sockets.length).toBeGreaterThan(2);
  });

  it("does not reconnect after the server ends the session for a reason, and says why", () => {
    const session = joinAsPlayer(start());
    net.last().deliver({ msg: { case: "closing", value: { code: 1008, reason: "too many inputs" } } });
    net.last().serverClose(1008, "too many inputs");
    vi.advanceTimersByTime(10_000);
    expect(session.status).toBe("closed");
    expect(session.reason).toBe("too many inputs");
    expect(net.sockets.length).toBe(1);
  });

  it("follows a redirect to another node with its resume token", () => {
    const session = joinAsPlayer(start());
    net.last().deliver({ msg: { case: "closing", value: { code: 1001, reason: "draining", redirectUrl: "ws://other.test/ws" } } });
    net.last().serverClose(1001);
    vi.advanceTimersByTime(0);
    expect(net.last().url).toBe("ws://other.test/ws?token=resume-1");
    expect(session.status).toBe("reconnecting");
  });

  it("reports a refused first handshake as a failure to join", () => {
    const session = start();
    net.last().close(); // refused: the seat token expired or was bad
    expect(session.status).toBe("closed");
    expect(session.reason).toMatch(/could not join/);
    vi.advanceTimersByTime(10_000);
    expect(net.sockets.length).toBe(1);
  });

  it("stops for good when closed by the user, telling the server it leaves", () => {
    const session = joinAsPlayer(start());
    session.close();
    expect(net.last().sentOf("leave").length).toBe(1);
    vi.advanceTimersByTime(10_000);
    expect(session.status).toBe("closed");
    expect(net.sockets.length).toBe(1);
  });

  it("shows the game's refusal of the join, and does not retry", () => {
    const session = start();
    net.last().accept();
    net.last().deliver({ msg: { case: "closing", value: { code: 4000, reason: "the match has started" } } });
    net.last().serverClose(4000, "the match has started");
    vi.advanceTimersByTime(10_000);
    expect(session.status).toBe("closed");
    expect(session.reason).toBe("the game refused to let you in: the match has started");
    expect(net.sockets.length).toBe(1);
  });

  it("does not resume after a kick or a failed game, and says why", () => {
    for (const [code, reason, shown] of [
      [4001, "idle for too long", "removed by the game: idle for too long"],
      [1011, "", "the game stopped on an error (1011)"],
    ] as const) {
      net = fakeSockets();
      const session = joinAsPlayer(start());
      net.last().serverClose(code, reason);
      vi.advanceTimersByTime(10_000);
      expect(session.status).toBe("closed");
      expect(session.reason).toBe(shown);
      expect(net.sockets.length).toBe(1);
    }
  });

  it("resyncs by resuming after too many snapshots it cannot apply", () => {
    const session = joinAsPlayer(start({ maxSnapshotErrors: 3 }));
    for (let tick = 105; tick < 108; tick++) {
      net.last().deliver({ msg: { case: "snapshot", value: { tick, baseTick: 103, ids: [7], masks: [2], values: [4] } } });
    }
    expect(session.stats.snapshotErrors).toBe(3);
    expect(session.status).toBe("reconnecting");
    vi.advanceTimersByTime(0);
    expect(net.sockets.length).toBe(2);
    expect(new URL(net.last().url).searchParams.get("token")).toBe("resume-1");
  });

  it("leaves a room that runs another game, with a reason", () => {
    const session = start();
    net.last().accept();
    net.last().deliver(welcome(Role.PLAYER, 7, { game: "arena" }));
    expect(session.status).toBe("closed");
    expect(session.reason).toBe("this client plays football, but the room runs arena");
    expect(net.last().readyState).toBe(3);
  });

  it("leaves a room whose schema it cannot use, with a reason", () => {
    const session = start();
    net.last().accept();
    net.last().deliver(welcome(Role.PLAYER, 7, { schema: { fields: [] } }));
    expect(session.status).toBe("closed");
    expect(session.reason).toMatch(/^cannot play this room: bad entity schema: no entity fields/);
  });
});
