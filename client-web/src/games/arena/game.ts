// The arena as a GameClient: its input (ArenaInput), its one client message ("chat"), its
// events ("chat", "kill", "hit") and the prediction of the player's own movement.

import {
  ArenaInputSchema,
  ChatLineSchema,
  ChatSchema,
  HitSchema,
  KillSchema,
} from "../../gen/games/arena/v1/arena_pb.js";
import { defineGame, type Session, type Vec2 } from "../../protocol/index.js";
import { arenaFields } from "./fields.js";
import { sanitizeArenaInput } from "./input.js";
import { arenaRules, stepPlayer } from "./rules.js";

export const arenaGame = defineGame({
  name: "arena",
  input: ArenaInputSchema,
  sanitizeInput: sanitizeArenaInput,
  messages: { chat: ChatSchema },
  events: { chat: ChatLineSchema, kill: KillSchema, hit: HitSchema },
  prediction: ({ welcome, schema }) => {
    const rules = arenaRules(welcome);
    const f = arenaFields(schema);
    if (f.x < 0 || f.y < 0) return undefined;
    return {
      // The player's position in map units; one input is one tick of stepPlayer.
      state: (row): Vec2 => ({ x: row.values[f.x] / rules.positionScale, y: row.values[f.y] / rules.positionScale }),
      step: (pos, input) => stepPlayer(pos, input.moveX, input.moveY, rules),
      // A respawn moves the player by rule: its death count changes.
      teleported: (before, after) => f.deaths >= 0 && before.values[f.deaths] !== after.values[f.deaths],
    };
  },
});

/** The arena's GameClient type. */
export type ArenaGame = typeof arenaGame;
/** A session playing (or watching) the arena. */
export type ArenaSession = Session<ArenaGame>;
