// The Tickstream client protocol: everything needed to play or watch a room, with no DOM or
// canvas code, so it can sit under any renderer. Start with Session (and arenaFrame to draw).

export { matchmake, withToken, MatchmakeError } from "./matchmake.js";
export type { SeatRequest, SeatReservation, SeatRole, MatchmakeOptions } from "./matchmake.js";
export { Session, SUBPROTOCOL, CLIENT_ID } from "./session.js";
export type { SessionOptions, SessionEvents, SessionStatus, WebSocketFactory } from "./session.js";
export { WorldMirror, SnapshotError } from "./mirror.js";
export type { EntityRow, WorldState, SnapshotBody } from "./mirror.js";
export { Predictor } from "./prediction.js";
export type { PredictedInput, PredictorOptions, StepFunction } from "./prediction.js";
export { interpolate, lerp, lerpAngle } from "./interpolation.js";
export type { InterpolatedEntity, InterpolatedFrame, InterpolationOptions } from "./interpolation.js";
export { TickClock } from "./clock.js";
export { IDLE, aimFromRadians, moveAxis, moveFromKeys, radiansFromSteps, sanitizeIntent } from "./inputs.js";
export type { Intent } from "./inputs.js";
export {
  KIND_PLAYER,
  KIND_PROJECTILE,
  arenaFields,
  arenaRules,
  projectileInFlight,
  projectilePosition,
  snap,
  stepPlayer,
} from "./arena.js";
export type { ArenaFields, ArenaRules, Vec2 } from "./arena.js";
export { arenaFrame } from "./frame.js";
export type { ArenaFrame, FrameOptions, FrameSource, PlayerView, ProjectileView } from "./frame.js";
export { TrafficMeter } from "./stats.js";
export type { SessionStats } from "./stats.js";
