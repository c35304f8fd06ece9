// The options and callbacks of a Session (see session.ts).

import type { Message } from "@bufbuild/protobuf";
import type { Welcome } from "../gen/tickstream/v1/tickstream_pb.js";
import type { AnyGameClient, InputInit } from "./game.js";
import type { WorldState } from "./mirror.js";
import type { PredictorOptions } from "./prediction.js";

/** connecting: first handshake; live: welcomed; reconnecting: resuming after a drop; closed: over. */
export type SessionStatus = "connecting" | "live" | "reconnecting" | "closed";

export interface SessionEvents {
  /** Welcome arrived (again after a resume: see welcome.resumed). */
  readonly onWelcome?: (welcome: Welcome) => void;
  /** A snapshot was applied and acknowledged. */
  readonly onSnapshot?: (state: WorldState) => void;
  /**
   * One of the game's events, in the order the game emitted them, right after the snapshot
   * that carried it was applied (or failed to apply: events do not depend on the delta base).
   * `name` is its short name in Welcome.schema.events ("#<type>" when the schema has none);
   * `message` is decoded with the game client's schema for that name, or the raw bytes when
   * the client declares no such event or it does not decode (onError says why). See
   * onGameEvents for one typed handler per event. `tick`: the tick the game emitted it in.
   */
  readonly onEvent?: (name: string, message: Message | Uint8Array, tick: number) => void;
  /** The status changed; `reason` is for people (why it closed, what it is waiting for). */
  readonly onStatus?: (status: SessionStatus, reason: string) => void;
  /** Something went wrong that the session survives (a snapshot it could not apply, an event that did not decode). */
  readonly onError?: (error: Error) => void;
}

/** Opens a WebSocket; the default is the platform's (browsers, Node 22+). */
export type WebSocketFactory = (url: string, protocols: string[]) => WebSocket;

export interface SessionOptions<G extends AnyGameClient = AnyGameClient> {
  /** The ws:// or wss:// URL from matchmake, token included. */
  readonly url: string;
  /** Display name sent in Join; at most 16 characters, the server trims it. */
  readonly name: string;
  /** The game this client plays; a room running another game (Welcome.game) closes the session. */
  readonly game: G;
  /** The game's own join data (Join.data: a team, a password), at most 256 bytes. @default none */
  readonly joinData?: Uint8Array;
  /** Client identification sent in Join, at most 64 bytes. @default "tickstream-web/0.1" */
  readonly client?: string;
  /**
   * The player's input, read once per input beat (Welcome.tick_rate, players only): the game's
   * input message, or an object to create it from. @default the input message's defaults (idle)
   */
  readonly input?: () => InputInit<G>;
  /**
   * When an input is sent. "on-change": only when it differs from the last one sent (the
   * server holds an input until the next one), with an Ack as keep-alive or when the server
   * asks for acknowledgements (Welcome.ack_interval_ms); prediction still steps every tick.
   * "per-tick": one input every beat, as before inputs held. @default "on-change"
   */
  readonly inputs?: "on-change" | "per-tick";
  /** Snapshot states kept for delta bases and interpolation. @default 64 */
  readonly historySize?: number;
  /** Time between pings (round-trip measurements), in ms. @default 1000 */
  readonly pingIntervalMs?: number;
  /** Resume after a dropped connection. @default true */
  readonly reconnect?: boolean;
  /** A handshake not done by then (ms) counts as failed. @default 5000 */
  readonly connectTimeoutMs?: number;
  /** Consecutive snapshots that cannot be applied before the session resyncs by resuming. @default 40 */
  readonly maxSnapshotErrors?: number;
  /** Tuning of the prediction of the steered entity (when the game predicts). @default see PredictorOptions */
  readonly prediction?: PredictorOptions;
  /** @default the platform's WebSocket */
  readonly webSocket?: WebSocketFactory;
  /** Monotonic clock in ms. @default performance.now */
  readonly now?: () => number;
  /** Callbacks for what happens on the session. @default none */
  readonly events?: SessionEvents;
}
