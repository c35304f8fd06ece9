// Football as a GameClient: its input (FootballInput), its one client message
// ("switch_team"), its four events ("goal", "kickoff", "round_over", "kick") and the
// prediction of the player's own movement, which repeats the server's rule exactly.

import {
  FootballInputSchema,
  GoalSchema,
  KickoffSchema,
  KickSchema,
  RoundOverSchema,
  SwitchTeamSchema,
} from "../../gen/games/football/v1/football_pb.js";
import { defineGame, type EntityRow, type Session, type WorldState } from "../../protocol/index.js";
import { footballContext, readField, REQUIRED_FIELDS } from "./fields.js";
import { sanitizeFootballInput } from "./input.js";
import { findMatch, matchView } from "./match.js";
import { stepFootballer, type FootballState } from "./movement.js";

export const footballGame = defineGame({
  name: "football",
  input: FootballInputSchema,
  sanitizeInput: sanitizeFootballInput,
  messages: { switch_team: SwitchTeamSchema },
  events: { goal: GoalSchema, kickoff: KickoffSchema, round_over: RoundOverSchema, kick: KickSchema },
  prediction: ({ welcome, schema }) => {
    const { rules, fields: f } = footballContext(welcome, schema);
    if (schema.missing(REQUIRED_FIELDS).length > 0) return undefined;
    const matchOf = (world: WorldState) => {
      const row = findMatch(f, world);
      return row && matchView(f, row);
    };
    return {
      // The row is the state after world.tick: the first input not yet applied runs at the next tick.
      state: (row: EntityRow, world: WorldState): FootballState => {
        const wx = readField(f, row, "x");
        const wy = readField(f, row, "y");
        const scale = rules.positionScale;
        return { x: wx / scale, y: wy / scale, wx, wy, dashTick: readField(f, row, "dash_tick"), tick: world.tick + 1, match: matchOf(world) };
      },
      step: (state: FootballState, input) => stepFootballer(state, input, rules),
      // Kick-offs put everyone on their spots, and a new team puts its player on its half.
      teleported: (before, after, world) => matchOf(world)?.phase === "kickoff" || readField(f, before, "team") !== readField(f, after, "team"),
    };
  },
});

/** The football GameClient type. */
export type FootballGame = typeof footballGame;
/** A session playing (or watching) football. */
export type FootballSession = Session<FootballGame>;
