// The football GameClient in a Session: FootballInput in Input.data, switch_team by name,
// the four events decoded by name, fields found by name whatever their order, and the
// prediction of the own player (run, dash, kick-off freeze, snapping on a kick-off).

import { create, fromBinary, toBinary, type DescMessage } from "@bufbuild/protobuf";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FootballInputSchema, FootballJoinSchema, GoalSchema, KickoffSchema, KickSchema, RoundOverSchema, SwitchTeamSchema } from "../../gen/games/football/v1/football_pb.js";
import { Role } from "../../gen/tickstream/v1/tickstream_pb.js";
import { EntitySchema, onGameEvents, Session } from "../../protocol/index.js";
import { encodeDelta, type Table } from "../../test-support/delta-encoder.js";
import { fakeSockets } from "../../test-support/fake-socket.js";
import { FOOTBALL_FIELDS, footballFields, readField, type FootballFieldName } from "./fields.js";
import { footballGame, type FootballSession } from "./game.js";
import type { FootballIntent } from "./input.js";
import { footballJoinData } from "./join.js";
import { matchView } from "./match.js";
import { footballSchema, footballWelcome, row } from "./test-fixtures.js";

const bytes = (schema: DescMessage, init: object) => toBinary(schema, create(schema, init as never));
/** The server's order reversed (kind kept first): nothing may depend on where a field is. */
const SHUFFLED: FootballFieldName[] = ["kind", ...FOOTBALL_FIELDS.slice(1).reverse()];

describe("football fields", () => {
  it("are looked up by name, in any order, with kinds and enum names from the schema", () => {
    for (const order of [FOOTBALL_FIELDS, SHUFFLED]) {
      const f = footballFields(EntitySchema.from(footballSchema(order)));
      expect(f.index.x).toBe(order.indexOf("x"));
      expect(f.index.phase_end).toBe(order.indexOf("phase_end"));
      expect([f.player, f.ball, f.match]).toEqual([1, 2, 3]);
      expect(f.teams).toEqual(["red", "blue"]);
      expect(f.facingSteps).toBe(256);
      const m = row("match", { score_red: 2, score_blue: 1, phase: 2, round_end: 3730, kickoff_team: 1, round: 1, team_size: 3 }, order);
      expect(matchView(f, { values: m })).toEqual({ scoreRed: 2, scoreBlue: 1, phase: "play", phaseEnd: 0, roundEnd: 3730, kickoffTeam: "blue", round: 1, teamSize: 3 });
      expect(readField(f, m, "round_end")).toBe(3730);
    }
  });

  it("read 0 for a field the room does not send", () => {
    const f = footballFields(EntitySchema.from(footballSchema(["kind", "x", "y", "team", "phase"])));
    expect(f.index.dash_tick).toBe(-1);
    expect(readField(f, [1, 10, 20, 1, 0], "dash_tick")).toBe(0);
  });
});

describe("football in a Session", () => {
  let net: ReturnType<typeof fakeSockets>;
  let input: FootballIntent;
  let seen: string[];
  let order: readonly FootballFieldName[];

  beforeEach(() => {
    vi.useFakeTimers();
    net = fakeSockets();
    input = { moveX: 127, moveY: 0 };
    seen = [];
    order = SHUFFLED;
  });
  afterEach(() => vi.useRealTimers());

  /** Our player (7) at (wx, wy) wire units, the ball, and the match in `phase` ending at phaseEnd. */
  function world(wx: number, wy: number, phase = 2, phaseEnd = 0, dashTick = 0): Table {
    return new Map([
      [1, { values: row("match", { phase, phase_end: phaseEnd, round_end: 4000, round: 1, team_size: 1 }, order) }],
      [2, { values: row("ball", { x: 1200, y: 800 }, order) }],
      [7, { values: row("player", { x: wx, y: wy, team: 0, dash_tick: dashTick }, order), name: "ann" }],
    ]);
  }

  function deliver(tick: number, table: Table, lastInputSeq = 0, events: { tick: number; type: number; data: Uint8Array }[] = []) {
    const schema = EntitySchema.from(footballSchema(order));
    net.last().deliver({ msg: { case: "snapshot", value: encodeDelta(tick, 0, undefined, table, lastInputSeq, schema.rates, events) } });
  }

  function join(): FootballSession {
    const session: FootballSession = new Session({
      url: "ws://game.test/ws?token=t",
      name: "ann",
      game: footballGame,
      joinData: footballJoinData("blue"),
      input: () => input,
      webSocket: net.factory,
      now: () => Date.now(),
      events: {
        onEvent: onGameEvents(footballGame, {
          goal: (g, tick) => seen.push(`goal ${g.team} by ${g.scorer}${g.ownGoal ? " (own)" : ""} ${g.scoreRed}-${g.scoreBlue} at ${tick}`),
          kickoff: (k) => seen.push(`kickoff ${k.team} round ${k.round} play at ${k.playTick} ends ${k.roundEndTick}`),
          round_over: (r) => seen.push(`over ${r.winner} ${r.scoreRed}-${r.scoreBlue} round ${r.round} next ${r.nextRoundTick}`),
          kick: (k) => seen.push(`kick by ${k.kicker} at (${k.x}, ${k.y})`),
        }),
      },
    }).start();
    net.last().accept();
    net.last().deliver({ msg: { case: "welcome", value: footballWelcome(Role.PLAYER, 7, footballSchema(order)) } });
    return session;
  }

  it("asks for its team in Join.data and sends a safe FootballInput in Input.data", () => {
    join();
    expect(fromBinary(FootballJoinSchema, net.last().sentOf("join")[0].data).team).toBe("blue");
    deliver(100, world(1000, 800));
    input = { moveX: 300, moveY: -1e9, kick: true, dash: true };
    vi.advanceTimersByTime(50);
    const [sent] = net.last().sentOf("input");
    expect(fromBinary(FootballInputSchema, sent.data)).toEqual(create(FootballInputSchema, { moveX: 127, moveY: -127, kick: true, dash: true }));
  });

  it("sends switch_team by name", () => {
    const session = join();
    expect(session.send("switch_team", { team: "red" })).toBe(true);
    const [message] = net.last().sentOf("message");
    expect(message.type).toBe(1);
    expect(fromBinary(SwitchTeamSchema, message.data).team).toBe("red");
  });

  it("decodes goal, kickoff, round_over and kick by name", () => {
    join();
    deliver(100, world(1000, 800), 0, [
      { tick: 100, type: 4, data: bytes(KickSchema, { kicker: 7, x: 1190, y: -3 }) },
      { tick: 100, type: 1, data: bytes(GoalSchema, { team: "red", scorer: 7, scoreRed: 1 }) },
      { tick: 100, type: 1, data: bytes(GoalSchema, { team: "blue", scorer: 7, ownGoal: true, scoreRed: 1, scoreBlue: 1 }) },
      { tick: 100, type: 2, data: bytes(KickoffSchema, { team: "blue", round: 1, playTick: 130, roundEndTick: 3730 }) },
      { tick: 100, type: 3, data: bytes(RoundOverSchema, { winner: "draw", scoreRed: 1, scoreBlue: 1, round: 1, nextRoundTick: 220 }) },
    ]);
    expect(seen).toEqual([
      "kick by 7 at (1190, -3)",
      "goal red by 7 1-0 at 100",
      "goal blue by 7 (own) 1-1 at 100",
      "kickoff blue round 1 play at 130 ends 3730",
      "over draw 1-1 round 1 next 220",
    ]);
  });

  it("predicts its own player 24 wire units a tick, 48 while dashing, and reconciles with the server", () => {
    const session = join();
    deliver(100, world(1000, 800));
    vi.advanceTimersByTime(50 * 2); // input 1, held: ticks 101, 102
    expect(session.predictor.position).toEqual(expect.objectContaining({ wx: 1048, wy: 800, x: 524, y: 400, tick: 103 }));
    input = { moveX: 127, moveY: 0, dash: true };
    vi.advanceTimersByTime(50); // input 2: tick 103, the dash starts
    expect(session.predictor.position).toEqual(expect.objectContaining({ wx: 1096, dashTick: 103 }));
    deliver(101, world(1024, 800), 1); // the server applied input 1
    expect(session.predictor.unacknowledged.map((i) => i.seq)).toEqual([1, 2]);
    expect(session.predictor.position).toEqual(expect.objectContaining({ wx: 1096, dashTick: 103, tick: 104 }));
  });

  it("stands still during a kick-off until phase_end, and snaps to the kick-off spot", () => {
    const session = join();
    deliver(100, world(1000, 800));
    vi.advanceTimersByTime(50);
    deliver(101, world(700, 600, 1, 103), 1); // a kick-off put us on our spot; play at 103
    expect(session.predictor.renderPosition(Date.now(), 50)).toEqual({ x: 350, y: 300 }); // snapped: no sliding
    vi.advanceTimersByTime(50 * 3); // inputs 2, 3, 4 at ticks 102, 103, 104
    expect(session.predictor.position).toEqual(expect.objectContaining({ wx: 700 + 2 * 24, tick: 105 }));
  });
});
