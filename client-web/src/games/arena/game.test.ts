// The arena's GameClient in a Session: ArenaInput in Input.data, chat by name, its events,
// and the prediction of the player's own movement.

import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ArenaInputSchema, ChatLineSchema, ChatSchema, HitSchema, KillSchema } from "../../gen/games/arena/v1/arena_pb.js";
import { Role } from "../../gen/tickstream/v1/tickstream_pb.js";
import { onGameEvents, Session } from "../../protocol/index.js";
import { fakeSockets } from "../../test-support/fake-socket.js";
import { arenaGame, type ArenaSession } from "./game.js";
import type { ArenaIntent } from "./input.js";
import { arenaWelcome, playerRow } from "./test-fixtures.js";

/** A complete snapshot with our player (entity 7) at (x, y) map units. */
const snapshot = (tick: number, x: number, y: number, lastInputSeq = 0, deaths = 0, events: { tick: number; type: number; data: Uint8Array }[] = []) => ({
  msg: { case: "snapshot" as const, value: { tick, baseTick: 0, lastInputSeq, ids: [7], masks: [0xfff], values: playerRow(x, y, deaths).values, events } },
});

describe("the arena game client", () => {
  let net: ReturnType<typeof fakeSockets>;
  let intent: ArenaIntent;
  let feed: string[];

  beforeEach(() => {
    vi.useFakeTimers();
    net = fakeSockets();
    intent = { moveX: 300, moveY: 0, aim: 70000, fire: true };
    feed = [];
  });
  afterEach(() => vi.useRealTimers());

  function join(): ArenaSession {
    const session = new Session({
      url: "ws://game.test/ws?token=t",
      name: "ann",
      game: arenaGame,
      input: () => intent,
      webSocket: net.factory,
      now: () => Date.now(),
      events: {
        onEvent: onGameEvents(arenaGame, {
          chat: (line) => feed.push(`${line.from}: ${line.text}`),
          kill: (kill, tick) => feed.push(`${kill.killer} killed ${kill.victim} at ${tick}`),
          hit: (hit) => feed.push(`${hit.shooter} hit ${hit.target} for ${hit.damage} at (${hit.x}, ${hit.y})`),
        }),
      },
    }).start();
    net.last().accept();
    net.last().deliver({ msg: { case: "welcome", value: arenaWelcome(Role.PLAYER, 7) } });
    net.last().deliver(snapshot(100, 500, 600));
    return session;
  }

  it("sends a safe ArenaInput in Input.data", () => {
    join();
    vi.advanceTimersByTime(50);
    const [input] = net.last().sentOf("input");
    expect(fromBinary(ArenaInputSchema, input.data)).toEqual(create(ArenaInputSchema, { moveX: 127, moveY: 0, aim: 70000 & 0xffff, fire: true }));
  });

  it("predicts its own player with stepPlayer, and snaps on a respawn", () => {
    const session = join();
    vi.advanceTimersByTime(50 * 3); // input 1, held for 3 ticks of 10 units right
    expect(session.predictor.position).toEqual({ x: 530, y: 600 });
    net.last().deliver(snapshot(101, 510, 600, 1)); // the server applied input 1 once
    expect(session.predictor.unacknowledged.map((i) => i.seq)).toEqual([1, 1]);
    expect(session.predictor.position).toEqual({ x: 530, y: 600 });
    net.last().deliver(snapshot(102, 3000, 2000, 3, 1)); // died and respawned far away
    expect(session.predictor.renderPosition(Date.now(), 50)).toEqual({ x: 3000, y: 2000 });
  });

  it("sends chat by name", () => {
    const session = join();
    expect(session.send("chat", { text: "gg" })).toBe(true);
    const [message] = net.last().sentOf("message");
    expect(message.type).toBe(1);
    expect(fromBinary(ChatSchema, message.data).text).toBe("gg");
  });

  it("delivers chat lines, kills and hits, decoded, in order", () => {
    join();
    const events = [
      { tick: 101, type: 3, data: toBinary(HitSchema, create(HitSchema, { shooter: 7, target: 9, damage: 10, x: 1000, y: -4 })) },
      { tick: 101, type: 2, data: toBinary(KillSchema, create(KillSchema, { killer: 7, victim: 9 })) },
      { tick: 101, type: 1, data: toBinary(ChatLineSchema, create(ChatLineSchema, { from: 9, text: "nice shot" })) },
    ];
    net.last().deliver(snapshot(101, 500, 600, 0, 0, events));
    expect(feed).toEqual(["7 hit 9 for 10 at (1000, -4)", "7 killed 9 at 101", "9: nice shot"]);
  });
});
