// The game-specific half of Session, with a game that is not the arena: its input in
// Input.data, its messages by name, its events by name, its prediction.

import { create, fromBinary, toBinary, type DescMessage, type MessageInitShape } from "@bufbuild/protobuf";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { InputSchema, TypeNameSchema } from "../gen/tickstream/v1/tickstream_pb.js";
import { fakeSockets } from "../test-support/fake-socket.js";
import { FOOTBALL_SCHEMA, FootballInputSchema, GoalSchema, KickoffSchema, ShoutSchema, SwitchTeamSchema, footballGame } from "../test-support/football.js";
import { fullSnapshot, Role, URL0, welcome } from "../test-support/session-harness.js";
import { onGameEvents } from "./game.js";
import { UndeclaredMessageError } from "./game-codec.js";
import { Session, type SessionOptions } from "./session.js";

type Football = typeof footballGame;
const bytes = (schema: DescMessage, init: object) => toBinary(schema, create(schema, init as never));

describe("Session with a game", () => {
  let net: ReturnType<typeof fakeSockets>;
  let input: MessageInitShape<typeof FootballInputSchema>;
  let log: string[];
  let errors: Error[];

  beforeEach(() => {
    vi.useFakeTimers();
    net = fakeSockets();
    input = { moveX: 127, moveY: -3, kick: true };
    log = [];
    errors = [];
  });
  afterEach(() => vi.useRealTimers());

  function start(extra: Partial<SessionOptions<Football>> = {}) {
    const session: Session<Football> = new Session({
      url: URL0,
      name: "ann",
      game: footballGame,
      input: () => input,
      webSocket: net.factory,
      now: () => Date.now(),
      events: {
        onSnapshot: (state) => log.push(`snapshot ${state.tick}`),
        onEvent: (name, message, tick) => {
          const shown = message instanceof Uint8Array ? `${message.length} bytes` : JSON.stringify({ ...message, $typeName: undefined });
          log.push(`${name}@${tick} ${shown} (mirror at ${session.mirror?.latest?.tick})`);
        },
        onError: (e) => errors.push(e),
      },
      ...extra,
    });
    return session.start();
  }

  function join(extra: Partial<SessionOptions<Football>> = {}, welcomeExtra = {}) {
    const session = start(extra);
    net.last().accept();
    net.last().deliver(welcome(Role.PLAYER, 7, welcomeExtra));
    net.last().deliver(fullSnapshot(100, 7, 500, 600));
    return session;
  }

  it("sends the game's join data in Join.data", () => {
    start({ joinData: new Uint8Array([1, 2, 3]) });
    net.last().accept();
    expect(net.last().sentOf("join")[0].data).toEqual(new Uint8Array([1, 2, 3]));
  });

  it("encodes the game's input message in Input.data, and nothing else beside seq, ack and view tick", () => {
    join();
    vi.advanceTimersByTime(50);
    const [sent] = net.last().sentOf("input");
    expect(fromBinary(FootballInputSchema, sent.data)).toEqual(create(FootballInputSchema, { moveX: 127, moveY: -3, kick: true }));
    const bare = toBinary(InputSchema, create(InputSchema, { seq: sent.seq, ackTick: sent.ackTick, viewTick: sent.viewTick, data: sent.data }));
    expect(toBinary(InputSchema, sent)).toEqual(bare);
  });

  it("sends the input's defaults (idle) without an input source, and an explicit one at once", () => {
    join({ input: undefined });
    vi.advanceTimersByTime(50);
    expect(net.last().sentOf("input")[0].data).toEqual(new Uint8Array(0));
    const session = join();
    session.sendInput({ dash: true });
    expect(fromBinary(FootballInputSchema, net.last().sentOf("input")[0].data).dash).toBe(true);
  });

  it("predicts with the game's step function and state", () => {
    const session = join();
    input = { moveX: 1, dash: true };
    vi.advanceTimersByTime(50 * 2); // two dashes: stamina 5 → 3
    expect(session.predictor.position).toEqual({ x: 550, y: 600, stamina: 3 });
  });

  it("sends a game message by its short name, as the room's type number", () => {
    const session = join();
    expect(session.send("shout", { text: "goal!" })).toBe(true);
    expect(session.send("switch_team", { team: "red" })).toBe(true);
    const [shout, switchTeam] = net.last().sentOf("message");
    // The room declares switch_team first, shout second: its order decides, not the client's.
    expect(shout.type).toBe(2);
    expect(fromBinary(ShoutSchema, shout.data).text).toBe("goal!");
    expect(switchTeam.type).toBe(1);
    expect(switchTeam.data).toEqual(bytes(SwitchTeamSchema, { team: "red" }));
  });

  it("throws a clear error for a message name that is not declared", () => {
    const session = start();
    // @ts-expect-error: not a message of the football game
    expect(() => session.send("chat", { text: "hi" })).toThrow(UndeclaredMessageError);
    // @ts-expect-error: not a message of the football game
    expect(() => session.send("chat", {})).toThrow('game "football" declares no message "chat" (it declares: shout, switch_team)');
    expect(session.send("shout", { text: "before welcome" })).toBe(false);
    net.last().accept();
    net.last().deliver(welcome(Role.PLAYER, 7, { schema: { ...FOOTBALL_SCHEMA, messages: FOOTBALL_SCHEMA.messages.slice(0, 1) } }));
    expect(() => session.send("shout", { text: "hi" })).toThrow('the room\'s game does not take message "shout" (it takes: switch_team)');
    expect(net.last().sentOf("message")).toEqual([]);
  });

  it("delivers events by name, decoded, in order, after the snapshot that carries them is applied", () => {
    join();
    net.last().deliver(
      fullSnapshot(101, 7, 500, 600, 0, {
        events: [
          { tick: 101, type: 1, data: bytes(KickoffSchema, { team: "blue" }) },
          { tick: 101, type: 2, data: bytes(GoalSchema, { team: "red", scorer: 7 }) },
          { tick: 101, type: 3, data: new Uint8Array([8, 1]) }, // "whistle": the client does not know it
          { tick: 101, type: 9, data: new Uint8Array([8]) }, // not even in the room's schema
          { tick: 101, type: 2, data: new Uint8Array([0xff]) }, // a goal that does not decode
        ],
      }),
    );
    expect(log).toEqual([
      "snapshot 100",
      "snapshot 101",
      'kickoff@101 {"team":"blue","round":0,"playTick":0,"roundEndTick":0} (mirror at 101)',
      'goal@101 {"team":"red","scorer":7,"ownGoal":false,"scoreRed":0,"scoreBlue":0} (mirror at 101)',
      "whistle@101 2 bytes (mirror at 101)",
      "#9@101 1 bytes (mirror at 101)",
      "goal@101 1 bytes (mirror at 101)",
    ]);
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/^event "goal" at tick 101 does not decode as tickstream.football.v1.Goal/)]);
  });

  it("delivers the events of a snapshot it cannot apply (they do not depend on its base)", () => {
    join();
    net.last().deliver({
      msg: { case: "snapshot", value: { tick: 105, baseTick: 103, events: [{ tick: 104, type: 1, data: bytes(KickoffSchema, { team: "red", round: 2 }) }] } },
    });
    expect(log.slice(1)).toEqual(['kickoff@104 {"team":"red","round":2,"playTick":0,"roundEndTick":0} (mirror at 100)']);
  });

  it("gives typed handlers per event with onGameEvents", () => {
    const goals: string[] = [];
    const other: string[] = [];
    const onEvent = onGameEvents(footballGame, { goal: (goal, tick) => goals.push(`${goal.scorer} for ${goal.team} at ${tick}`) }, (name) => other.push(name));
    join({ events: { onEvent } });
    const events = [
      { tick: 101, type: 2, data: bytes(GoalSchema, { team: "blue", scorer: 9 }) },
      { tick: 101, type: 1, data: bytes(KickoffSchema, { team: "red" }) },
      { tick: 101, type: 3, data: new Uint8Array(0) },
    ];
    net.last().deliver(fullSnapshot(101, 7, 500, 600, 0, { events }));
    expect(goals).toEqual(["9 for blue at 101"]);
    expect(other).toEqual(["kickoff", "whistle"]);
  });

  it("reports a room whose types differ from the client's", () => {
    const events = [create(TypeNameSchema, { name: "goal", type: "other.Goal" })];
    join({}, { schema: { ...FOOTBALL_SCHEMA, events } });
    expect(errors.map((e) => e.message)).toEqual(['the game\'s types differ: event "goal" is other.Goal in the room, tickstream.football.v1.Goal here']);
  });
});
