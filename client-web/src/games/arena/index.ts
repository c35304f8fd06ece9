// The bundled arena shooter as a client plays it: its GameClient, fields, rules, inputs and
// the frame a renderer draws. Built on the game-neutral src/protocol; another game gets a
// directory like this one.

export { arenaGame } from "./game.js";
export type { ArenaGame, ArenaSession } from "./game.js";
export { ARENA_FIELDS, arenaContext, arenaFields } from "./fields.js";
export type { ArenaContext, ArenaFieldName, ArenaFields } from "./fields.js";
export { arenaRules, projectileInFlight, projectilePosition, snap, stepPlayer } from "./rules.js";
export type { ArenaRules } from "./rules.js";
export { aimFromRadians, moveAxis, moveFromKeys, sanitizeArenaInput } from "./input.js";
export type { ArenaIntent } from "./input.js";
export { arenaFrame } from "./frame.js";
export type { ArenaFrame, FrameOptions, FrameSource, PlayerView, ProjectileView } from "./frame.js";
export type { ArenaInput, Chat, ChatLine, Hit, Kill } from "../../gen/games/arena/v1/arena_pb.js";
