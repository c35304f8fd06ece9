// What a Session needs to know about the game it plays: the game's name, its input message,
// its client messages and events by short name (protobuf schemas generated from the game's
// own .proto), and optionally how to predict the steered entity. The engine carries all of
// them as bytes; Welcome.schema names each type, so the session matches them up by name.
//
// A game module (src/games/<name>/) exports one GameClient, made with defineGame (see
// src/games/football/game.ts for a whole one):
//
//   export const footballGame = defineGame({
//     name: "football",
//     input: FootballInputSchema,                  // { move_x, move_y, kick, dash }
//     messages: { switch_team: SwitchTeamSchema },
//     events: { goal: GoalSchema, kickoff: KickoffSchema, round_over: RoundOverSchema, kick: KickSchema },
//     prediction: ({ welcome, schema }) => ({ state: (row, world) => …, step: (s, input) => … }),
//   });

import type { DescMessage, Message, MessageInitShape, MessageShape } from "@bufbuild/protobuf";
import type { GenMessage } from "@bufbuild/protobuf/codegenv2";
import type { Welcome } from "../gen/tickstream/v1/tickstream_pb.js";
import type { EntityRow, WorldState } from "./mirror.js";
import type { Vec2 } from "./prediction.js";
import type { EntitySchema } from "./schema.js";

/** Protobuf message schemas by the game's short name for them ("chat" → ChatSchema). */
export type TypeMap = Readonly<Record<string, DescMessage>>;

/** What a game's prediction is built from, once per Welcome. */
export interface GameWorld {
  readonly welcome: Welcome;
  readonly schema: EntitySchema;
}

/**
 * How to predict the steered entity: one input is one tick of the game's step, replayed over
 * the server's state until the server acknowledges it (see Predictor).
 */
export interface Prediction<I, S extends Vec2 = Vec2> {
  /**
   * The steered entity's state in a snapshot, position in map units (wire units divided by
   * Welcome.position_scale); undefined when there is nothing to predict (e.g. it is dead).
   * `world` is the whole snapshot the row is in: its tick (the row is the state after that
   * tick, so the first replayed input runs at tick + 1) and the other entities (a match
   * clock that freezes players, say).
   */
  readonly state: (row: EntityRow, world: WorldState) => S | undefined;
  /** One tick of `input`, exactly as the server steps it. */
  readonly step: (state: S, input: I) => S;
  /**
   * True when the server moved the entity by rule between two of its rows (a respawn, a
   * kickoff): the prediction snaps instead of smoothing the jump away. `world` is the
   * snapshot `after` is in. @default never
   */
  readonly teleported?: (before: EntityRow, after: EntityRow, world: WorldState) => boolean;
}

/**
 * A game as a client plays it. `I` is its input message, `M` and `E` its client messages and
 * events by short name, `S` the state its prediction steps.
 */
export interface GameClient<I extends Message = Message, M extends TypeMap = TypeMap, E extends TypeMap = TypeMap, S extends Vec2 = Vec2> {
  /** The game's name in matchmaking, GET /api/games and Welcome.game, e.g. "arena". */
  readonly name: string;
  /**
   * The input message (Welcome.schema.input), sent serialized in Input.data once per tick.
   * Without one, players still send an Input per tick (seq and ack, no data).
   */
  readonly input?: GenMessage<I>;
  /**
   * Makes an input safe to send (clamps it into the ranges the game accepts, since the server
   * closes the session on an input it refuses). Runs before encoding and prediction.
   * @default the input as it is
   */
  readonly sanitizeInput?: (input: I) => I;
  /** Client message types by short name (Welcome.schema.messages); Session.send takes them. @default none */
  readonly messages?: M;
  /** Event types by short name (Welcome.schema.events); SessionEvents.onEvent gets them decoded. @default none */
  readonly events?: E;
  /** Builds the prediction of the steered entity for a room; undefined: no prediction. @default none */
  readonly prediction?: (world: GameWorld) => Prediction<I, S> | undefined;
}

/** Any game (the constraint of Session's type parameter). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyGameClient = GameClient<any, any, any, any>;

/** The input message of game `G`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type InputOf<G> = G extends GameClient<infer I, any, any, any> ? I : never;
/** What a session's input source returns for game `G`: the message, or an object to create it from. */
export type InputInit<G> = InputOf<G> extends Message ? MessageInitShape<GenMessage<InputOf<G>>> : never;
/** The predicted state of game `G`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StateOf<G> = G extends GameClient<any, any, any, infer S> ? S : Vec2;
/** Client message names of game `G`. */
export type MessageName<G> = G extends { readonly messages?: infer M } ? keyof NonNullable<M> & string : never;
/** The init shape of client message `K` of game `G`. */
export type MessageInit<G, K extends string> = G extends { readonly messages?: infer M }
  ? NonNullable<M> extends Readonly<Record<K, infer D extends DescMessage>>
    ? MessageInitShape<D>
    : never
  : never;

/** Declares a game client, keeping the literal names of its messages and events for typing. */
export function defineGame<I extends Message, M extends TypeMap = Record<never, never>, E extends TypeMap = Record<never, never>, S extends Vec2 = Vec2>(
  game: GameClient<I, M, E, S>,
): GameClient<I, M, E, S> {
  return game;
}

/** What SessionEvents.onEvent receives: a decoded event, or its bytes when it cannot be decoded. */
export type EventHandler = (name: string, message: Message | Uint8Array, tick: number) => void;

/**
 * A typed SessionEvents.onEvent for `game`: one handler per event name, each given the
 * decoded message. Events without a handler, and those the game does not declare or that do
 * not decode (delivered as bytes), go to `other`.
 */
export function onGameEvents<E extends TypeMap>(
  game: { readonly events?: E },
  handlers: { readonly [K in keyof E]?: (message: MessageShape<E[K]>, tick: number) => void },
  other?: EventHandler,
): EventHandler {
  return (name, message, tick) => {
    const handler = handlers[name as keyof E];
    const schema = game.events?.[name];
    if (handler && schema && !(message instanceof Uint8Array) && message.$typeName === schema.typeName) {
      handler(message as MessageShape<E[keyof E]>, tick);
    } else {
      other?.(name, message, tick);
    }
  };
}
