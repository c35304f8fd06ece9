// One game session over a WebSocket: join, welcome, snapshots into the mirror, acks, the
// game's inputs with prediction, its messages and events, pings, and resuming after a dropped
// connection. Works for any game: what is game-specific comes in a GameClient. No DOM or
// canvas here: a renderer reads `mirror`, `predictor` and `clock` when it draws.

import { create, fromBinary, toBinary, type MessageInitShape } from "@bufbuild/protobuf";
import {
  ClientMessageSchema,
  Role,
  ServerMessageSchema,
  type Closing,
  type Snapshot,
  type Welcome,
} from "../gen/tickstream/v1/tickstream_pb.js";
import { Beats } from "./beats.js";
import { TickClock } from "./clock.js";
import { CLOSE_RESYNC, clipReason } from "./closes.js";
import type { AnyGameClient, InputInit, InputOf, MessageInit, MessageName, StateOf } from "./game.js";
import { GameCodec, checkMessage } from "./game-codec.js";
import { SnapshotError, WorldMirror, type WorldState } from "./mirror.js";
import type { Predictor } from "./prediction.js";
import { ResumePlanner } from "./resume.js";
import { EntitySchema } from "./schema.js";
import type { SessionOptions, SessionStatus } from "./session-options.js";
import { newSessionStats, type SessionStats } from "./stats.js";
import { Steering } from "./steering.js";

export const SUBPROTOCOL = "tickstream.v1";
export const CLIENT_ID = "tickstream-web/0.1";

export type { SessionEvents, SessionOptions, SessionStatus, WebSocketFactory } from "./session-options.js";

const OPEN = 1;
const CONNECTING = 0;

export class Session<G extends AnyGameClient = AnyGameClient> {
  status: SessionStatus = "connecting";
  /** Why the session is reconnecting or closed, for people. */
  reason = "";
  welcome: Welcome | undefined;
  /** The room's entity schema (from Welcome.schema): fields by name, kinds, rates. */
  schema: EntitySchema | undefined;
  mirror: WorldMirror | undefined;
  clock: TickClock | undefined;
  /** Prediction of the steered entity; empty when the game does not predict. */
  readonly predictor: Predictor<InputOf<G>, StateOf<G>>;
  private readonly steering: Steering<InputOf<G>, StateOf<G>>;
  readonly stats: SessionStats = newSessionStats();
  readonly game: G;
  /**
   * The tick this client draws the other entities at now: its interpolation point, in ticks
   * (fractional is fine). Each input carries it, rounded, as `Input.viewTick`, so that the
   * server may judge the input against what the player saw (lag compensation, bounded by the
   * server's `maxRewindMs`). A renderer sets it every frame; while it is 0 inputs carry the
   * newest applied snapshot's tick, which is right for a client that draws the newest state.
   */
  viewTick = 0;

  private readonly options: SessionOptions<G>;
  private readonly now: () => number;
  private readonly beats: Beats;
  private ws: WebSocket | undefined;
  private url: string;
  private closing: Closing | undefined;
  private codec: GameCodec | undefined;
  private seq = 0;
  private ackTick = 0;
  /** The encoded input last sent, the seq it went with, and what it decoded to. */
  private heldData: Uint8Array | undefined;
  private heldValue: InputOf<G> | undefined;
  /** When the last frame left, and the last one carrying an acknowledgement (ms, `now`). */
  private lastSentAt = 0;
  private lastAckAt = 0;
  private lastAckSent = 0;
  private snapshotErrorRun = 0;
  /** When the last snapshot of this connection was applied (ms, `now`); undefined before one. */
  private lastSnapshotAt: number | undefined;
  private resyncing = false;
  private userClosed = false;
  private readonly resume: ResumePlanner;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: SessionOptions<G>) {
    this.options = options;
    this.game = options.game;
    this.url = options.url;
    this.now = options.now ?? (() => performance.now());
    this.beats = new Beats(this.now);
    this.resume = new ResumePlanner(this.now);
    this.steering = new Steering(options.prediction);
    this.predictor = this.steering.predictor;
  }

  /** The entity this session steers; 0 for a spectator or before Welcome. */
  get entityId(): number {
    return this.welcome?.entityId ?? 0;
  }

  get isPlayer(): boolean {
    return this.welcome?.role === Role.PLAYER;
  }

  /** Tick of the last applied snapshot (what the server diffs against next). */
  get lastAppliedTick(): number {
    return this.ackTick;
  }

  /** Opens the connection. Events report what follows. */
  start(): this {
    this.connect(this.url);
    return this;
  }

  /**
   * Leaves for good: no reconnect. The server is told (a `Leave`), so the game frees the seat at
   * once instead of holding it for the reconnect grace. `reason` becomes the status reason.
   */
  close(reason = "left"): void {
    this.userClosed = true;
    clearTimeout(this.retryTimer);
    this.beats.stop();
    const ws = this.ws;
    if (ws && ws.readyState === OPEN) {
      ws.send(toBinary(ClientMessageSchema, create(ClientMessageSchema, { msg: { case: "leave", value: {} } })));
    }
    this.ws = undefined;
    if (ws && (ws.readyState === OPEN || ws.readyState === CONNECTING)) ws.close(1000, clipReason(reason));
    this.setStatus("closed", reason);
  }

  /**
   * Sends one input now (default: read from the `input` option) in Input.data, whether or not
   * it changed, and predicts its tick. Call it yourself to send a change at once (for example
   * an idle `{}` when the page is hidden, since hidden pages' timers slow to 1 Hz); the session
   * itself reads the input every tick and sends it only when it changed (see `inputs`).
   */
  sendInput(input?: InputInit<G>): void {
    if (!this.isPlayer || !this.isOpen() || !this.codec) return;
    const { value, data } = this.codec.encodeInput(input ?? this.options.input?.() ?? {});
    this.sendEncoded(value as InputOf<G> | undefined, data);
  }

  /** One input beat: read the input, send it if it changed (or per tick), predict the tick. */
  private beat(): void {
    if (!this.isPlayer || !this.isOpen() || !this.codec) return;
    const { value, data } = this.codec.encodeInput(this.options.input?.() ?? {});
    if (this.options.inputs === "per-tick" || !this.heldData || !sameBytes(data, this.heldData)) {
      this.sendEncoded(value as InputOf<G> | undefined, data);
    } else if (this.heldValue !== undefined) {
      this.steering.step(this.seq, this.heldValue, false, this.now()); // held: the server steps it too
    }
  }

  private sendEncoded(value: InputOf<G> | undefined, data: Uint8Array): void {
    const seq = ++this.seq;
    const shown = Math.min(Math.max(0, Math.round(this.viewTick)), 0xffffffff) || this.ackTick;
    this.post({ msg: { case: "input", value: { seq, ackTick: this.ackTick, viewTick: shown, data } } });
    this.lastAckSent = this.ackTick;
    this.lastAckAt = this.lastSentAt;
    this.heldData = data;
    this.heldValue = value;
    if (value) this.steering.step(seq, value, true, this.now());
  }

  /**
   * After a snapshot: an Ack when the server asks for acknowledgements and none went out
   * within its interval, or a keep-alive when nothing went out for a third of its idle timeout.
   */
  private acknowledgeIfDue(now: number): void {
    const w = this.welcome;
    const interval = w?.ackIntervalMs ?? 0;
    const keepAlive = (w?.idleTimeoutMs || 30000) / 3;
    const ackDue = interval > 0 && this.ackTick !== this.lastAckSent && now - this.lastAckAt >= interval;
    if (ackDue || now - this.lastSentAt >= keepAlive) {
      this.post({ msg: { case: "ack", value: { ackTick: this.ackTick } } });
      this.lastAckSent = this.ackTick;
      this.lastAckAt = this.lastSentAt;
    }
  }

  /**
   * Sends the game's client message `name` (e.g. "chat") as a GameMessage. Returns false when
   * it could not be sent now (not welcomed yet, or the connection is down). Throws
   * UndeclaredMessageError when the game client does not declare `name`, or the room's game
   * does not take it.
   */
  send<K extends MessageName<G>>(name: K, message: MessageInit<G, K>): boolean {
    if (!this.codec) {
      checkMessage(this.game, name);
      return false;
    }
    const { type, data } = this.codec.encodeMessage(name, message, true);
    if (!this.isOpen()) return false;
    this.post({ msg: { case: "message", value: { type, data } } });
    return true;
  }

  private connect(url: string): void {
    this.url = url;
    let ws: WebSocket;
    try {
      ws = (this.options.webSocket ?? ((u, p) => new WebSocket(u, p)))(url, [SUBPROTOCOL]);
    } catch (e) {
      this.retryTimer = setTimeout(() => this.onClosed(1006, (e as Error).message), 0);
      return;
    }
    ws.binaryType = "arraybuffer";
    this.ws = ws;
    this.closing = undefined;
    const timeout = setTimeout(() => ws.readyState === CONNECTING && ws.close(), this.options.connectTimeoutMs ?? 5000);
    ws.onopen = () => {
      clearTimeout(timeout);
      const { name, client = CLIENT_ID, joinData } = this.options;
      this.post({ msg: { case: "join", value: { name, client, data: joinData } } });
    };
    ws.onmessage = (event: MessageEvent) => {
      if (this.ws === ws) this.receive(event.data);
    };
    ws.onclose = (event: CloseEvent) => {
      clearTimeout(timeout);
      if (this.ws === ws) this.onClosed(event.code, event.reason);
    };
  }

  private receive(data: unknown): void {
    if (!(data instanceof ArrayBuffer)) return; // the protocol is binary only; ignore strays
    const now = this.now();
    this.stats.traffic.record(data.byteLength, now);
    let message;
    try {
      message = fromBinary(ServerMessageSchema, new Uint8Array(data));
    } catch (e) {
      return this.error(new Error(`undecodable server message: ${(e as Error).message}`));
    }
    const m = message.msg;
    switch (m.case) {
      case "welcome":
        return this.onWelcome(m.value);
      case "snapshot":
        return this.onSnapshot(m.value, now);
      case "pong":
        this.stats.pingMs = Math.max(0, now - Number(m.value.clientTimeMs));
        return;
      case "closing":
        this.closing = m.value;
        return;
      default:
        return; // a newer server's message this client does not know: harmless to skip
    }
  }

  private onWelcome(welcome: Welcome): void {
    if (welcome.game && welcome.game !== this.game.name) {
      return this.close(`this client plays ${this.game.name}, but the room runs ${welcome.game}`);
    }
    let schema: EntitySchema;
    try {
      schema = EntitySchema.from(welcome.schema);
    } catch (e) {
      return this.close(`cannot play this room: ${(e as Error).message}`);
    }
    const wasResuming = this.status === "reconnecting";
    this.welcome = welcome;
    if (!this.mirror || !schema.sameRows(this.schema)) {
      this.mirror = new WorldMirror(schema.fieldCount, this.options.historySize ?? 64, schema.rates);
    }
    this.schema = schema;
    this.codec = new GameCodec(this.game, welcome.schema);
    for (const m of this.codec.mismatches()) this.error(new Error(`the game's types differ: ${m}`));
    const tickRate = welcome.tickRate || 20;
    if (!this.clock || this.clock.msPerTick !== 1000 / tickRate) this.clock = new TickClock(tickRate);
    // Input seqs count per connection, so inputs of the old one can never be acknowledged;
    // the new connection's game has no input of ours yet, so the next beat sends one.
    this.seq = 0;
    this.heldData = undefined;
    this.heldValue = undefined;
    this.lastAckSent = 0;
    this.steering.reset(this.game.prediction?.({ welcome, schema }));
    this.snapshotErrorRun = 0;
    this.lastSnapshotAt = undefined; // the time without a connection is not a gap
    if (wasResuming) this.stats.resumes++;
    this.resume.connected();
    this.startBeats(tickRate);
    this.options.events?.onWelcome?.(welcome);
    const reason = !wasResuming ? "" : welcome.resumed ? "resumed" : "rejoined as a new entity";
    this.setStatus("live", reason);
  }

  private onSnapshot(snapshot: Snapshot, now: number): void {
    if (!this.mirror || !this.codec) return; // before Welcome: not for us yet
    try {
      this.applySnapshot(snapshot, now);
    } finally {
      this.deliverEvents(snapshot);
    }
  }

  private applySnapshot(snapshot: Snapshot, now: number): void {
    let state: WorldState;
    try {
      state = this.mirror!.apply(snapshot);
    } catch (e) {
      if (!(e instanceof SnapshotError)) throw e;
      this.stats.snapshotErrors++;
      this.error(e);
      // Not acking leaves the server diffing against our last ack, which we hold; if it keeps
      // failing anyway, a resumed connection starts from a complete snapshot.
      if (++this.snapshotErrorRun >= (this.options.maxSnapshotErrors ?? 40) && this.ws) {
        this.resyncing = true;
        this.ws.close(CLOSE_RESYNC, "resync");
      }
      return;
    }
    this.snapshotErrorRun = 0;
    this.stats.snapshots++;
    this.noteGap(now);
    this.ackTick = state.tick;
    this.clock?.observe(state.tick, now);
    // Acknowledgements ride on inputs; an Ack only when the server wants one, or to keep alive.
    if (this.isPlayer) this.steering.observe(state.entities.get(this.entityId), state, now);
    this.acknowledgeIfDue(now);
    this.options.events?.onSnapshot?.(state);
  }

  private deliverEvents(snapshot: Snapshot): void {
    const onEvent = this.options.events?.onEvent;
    for (const event of snapshot.events) {
      const decoded = this.codec!.decodeEvent(event);
      if (decoded.error) this.error(decoded.error);
      // Tick 0 on the wire: emitted during the snapshot's own tick (saves bytes per event).
      onEvent?.(decoded.name, decoded.message, decoded.tick || snapshot.tick);
    }
  }

  private noteGap(now: number): void {
    const last = this.lastSnapshotAt;
    this.lastSnapshotAt = now;
    if (last === undefined) return;
    const gap = now - last;
    if (gap > this.stats.maxSnapshotGapMs) this.stats.maxSnapshotGapMs = gap;
    if (gap > 2000 / (this.welcome?.sendRate || this.welcome?.tickRate || 20)) this.stats.lateSnapshots++;
  }

  private onClosed(code: number, reason: string): void {
    this.beats.stop();
    this.ws = undefined;
    const resync = this.resyncing;
    this.resyncing = false;
    if (this.userClosed) return;
    const { closing, welcome, url } = this;
    const plan = this.resume.plan({ code, reason, closing, welcome, url, resync, reconnect: this.options.reconnect !== false });
    if (plan.action === "close") return this.setStatus("closed", plan.reason);
    if (plan.reason !== undefined) this.setStatus("reconnecting", plan.reason);
    this.retryTimer = setTimeout(() => this.connect(plan.url), plan.delayMs);
  }

  private startBeats(tickRate: number): void {
    this.beats.stop();
    const ping = () => this.post({ msg: { case: "ping", value: { clientTimeMs: BigInt(Math.floor(this.now())) } } });
    ping();
    this.beats.every(this.options.pingIntervalMs ?? 1000, ping);
    // One beat per server tick: the server steps a player once per tick with its latest input,
    // and so does the prediction; the input goes out only when it changed (see `inputs`).
    if (this.isPlayer) {
      this.beats.every(1000 / tickRate, () => {
        try {
          this.beat();
        } catch (e) {
          this.error(new Error(`input not sent: ${(e as Error).message}`));
        }
      });
    }
  }

  private isOpen(): boolean {
    return this.ws !== undefined && this.ws.readyState === OPEN;
  }

  private post(message: MessageInitShape<typeof ClientMessageSchema>): void {
    if (!this.isOpen()) return;
    this.ws!.send(toBinary(ClientMessageSchema, create(ClientMessageSchema, message)));
    this.lastSentAt = this.now();
  }

  private error(error: Error): void {
    this.options.events?.onError?.(error);
  }

  private setStatus(status: SessionStatus, reason: string): void {
    this.status = status;
    this.reason = reason;
    this.options.events?.onStatus?.(status, reason);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
