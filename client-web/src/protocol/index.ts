// The Tickstream client protocol: everything needed to play or watch a room of any game, with
// no DOM or canvas code and nothing game-specific, so it can sit under any renderer and any
// game module (src/games/<name>/). Start with Session and a game's GameClient.

export { matchmake, listGames, withToken, MatchmakeError } from "./matchmake.js";
export type { GameInfo, SeatRequest, SeatReservation, SeatRole, MatchmakeOptions } from "./matchmake.js";
export { Session, SUBPROTOCOL, CLIENT_ID } from "./session.js";
export type { SessionOptions, SessionEvents, SessionStatus, WebSocketFactory } from "./session.js";
export { defineGame, onGameEvents } from "./game.js";
export type {
  AnyGameClient,
  EventHandler,
  GameClient,
  GameWorld,
  InputInit,
  InputOf,
  MessageInit,
  MessageName,
  Prediction,
  StateOf,
  TypeMap,
} from "./game.js";
export { GameCodec, UndeclaredMessageError } from "./game-codec.js";
export type { DecodedEvent } from "./game-codec.js";
export { EntitySchema, SchemaError, MAX_FIELDS } from "./schema.js";
export type { FieldSource, SchemaField, SchemaKind } from "./schema.js";
export {
  CLOSE_BAD_PAYLOAD,
  CLOSE_GAME_FAILED,
  CLOSE_JOIN_REFUSED,
  CLOSE_KICKED,
  CLOSE_RESYNC,
  closeReason,
  isFinalClose,
  isGameClose,
} from "./closes.js";
export { WorldMirror, SnapshotError } from "./mirror.js";
export type { EntityRow, WorldState, SnapshotBody } from "./mirror.js";
export { Predictor } from "./prediction.js";
export type { InputAck, PredictedInput, PredictorOptions, StepFunction, Vec2 } from "./prediction.js";
export { interpolate, lerp, lerpAngle } from "./interpolation.js";
export type { InterpolatedEntity, InterpolatedFrame, InterpolationOptions } from "./interpolation.js";
export { TickClock } from "./clock.js";
export { radiansFromSteps, stepsFromRadians } from "./angles.js";
export { TrafficMeter } from "./stats.js";
export type { SessionStats } from "./stats.js";
export { Recording, RecordingError, inflateZlib } from "./recording.js";
export type { Inflate, RecordingChunkRef } from "./recording.js";
export { ReplayPlayer, REPLAY_SPEEDS } from "./replay.js";
