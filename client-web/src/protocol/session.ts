// One game session over a WebSocket: join, welcome, snapshots into the mirror, acks, inputs
// with prediction, pings, and resuming after a dropped connection. No DOM or canvas here:
// a renderer reads `mirror`, `predictor` and `clock` (or arenaFrame()) when it draws.

import { create, fromBinary, toBinary, type MessageInitShape } from "@bufbuild/protobuf";
import {
  ClientMessageSchema,
  Role,
  ServerMessageSchema,
  type Closing,
  type Snapshot,
  type Welcome,
} from "../gen/tickstream/v1/tickstream_pb.js";
import { arenaFields, arenaRules, stepPlayer, type ArenaFields, type ArenaRules } from "./arena.js";
import { TickClock } from "./clock.js";
import { IDLE, sanitizeIntent, type Intent } from "./inputs.js";
import { withToken } from "./matchmake.js";
import { SnapshotError, WorldMirror, type WorldState } from "./mirror.js";
import { Predictor, type PredictorOptions } from "./prediction.js";
import { newSessionStats, type SessionStats } from "./stats.js";

export const SUBPROTOCOL = "tickstream.v1";
export const CLIENT_ID = "tickstream-web/0.1";

/** connecting: first handshake; live: welcomed; reconnecting: resuming after a drop; closed: over. */
export type SessionStatus = "connecting" | "live" | "reconnecting" | "closed";

export interface SessionEvents {
  /** Welcome arrived (again after a resume: see welcome.resumed). */
  readonly onWelcome?: (welcome: Welcome) => void;
  /** A snapshot was applied and acknowledged. */
  readonly onSnapshot?: (state: WorldState) => void;
  /** The status changed; `reason` is for people (why it closed, what it is waiting for). */
  readonly onStatus?: (status: SessionStatus, reason: string) => void;
  /** Something went wrong that the session survives (a snapshot it could not apply). */
  readonly onError?: (error: Error) => void;
}

/** Opens a WebSocket; the default is the platform's (browsers, Node 22+). */
export type WebSocketFactory = (url: string, protocols: string[]) => WebSocket;

export interface SessionOptions {
  /** The ws:// or wss:// URL from matchmake, token included. */
  readonly url: string;
  /** Display name sent in Join. */
  readonly name: string;
  /** @default "tickstream-web/0.1" */
  readonly client?: string;
  /** Read once per input beat (players only). @default idle */
  readonly intent?: () => Intent;
  /** Snapshot states kept for delta bases and interpolation. @default 64 */
  readonly historySize?: number;
  /** @default 1000 */
  readonly pingIntervalMs?: number;
  /** Resume after a dropped connection. @default true */
  readonly reconnect?: boolean;
  /** A handshake not done by then counts as failed. @default 5000 */
  readonly connectTimeoutMs?: number;
  /** Consecutive snapshots that cannot be applied before the session resyncs by resuming. @default 40 */
  readonly maxSnapshotErrors?: number;
  readonly prediction?: PredictorOptions;
  readonly webSocket?: WebSocketFactory;
  /** Monotonic clock in ms. @default performance.now */
  readonly now?: () => number;
  readonly events?: SessionEvents;
}

// Codes after which resuming is pointless: the server ended the session on purpose, or for
// something this client sent, which it would send again.
const FINAL_CODES = new Set([1000, 1002, 1003, 1007, 1008, 1009]);
const OPEN = 1;
const CONNECTING = 0;

export class Session {
  status: SessionStatus = "connecting";
  /** Why the session is reconnecting or closed, for people. */
  reason = "";
  welcome: Welcome | undefined;
  rules: ArenaRules | undefined;
  fields: ArenaFields | undefined;
  mirror: WorldMirror | undefined;
  clock: TickClock | undefined;
  readonly predictor: Predictor;
  readonly stats: SessionStats = newSessionStats();

  private readonly options: SessionOptions;
  private readonly now: () => number;
  private ws: WebSocket | undefined;
  private url: string;
  private closing: Closing | undefined;
  private seq = 0;
  private ackTick = 0;
  private ownDeaths: number | undefined;
  private snapshotErrorRun = 0;
  private userClosed = false;
  private lostAt = 0;
  private attempt = 0;
  private timers: ReturnType<typeof setTimeout>[] = [];
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: SessionOptions) {
    this.options = options;
    this.url = options.url;
    this.now = options.now ?? (() => performance.now());
    this.predictor = new Predictor((pos, input) => stepPlayer(pos, input.moveX, input.moveY, this.rules!), options.prediction);
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

  /** Leaves for good: no reconnect. */
  close(reason = "left"): void {
    this.userClosed = true;
    clearTimeout(this.retryTimer);
    this.stopTimers();
    const ws = this.ws;
    this.ws = undefined;
    if (ws && (ws.readyState === OPEN || ws.readyState === CONNECTING)) ws.close(1000, reason);
    this.setStatus("closed", reason);
  }

  /**
   * Sends one input now, built from the intent source, and predicts its tick of movement.
   * The session calls it at the tick rate; call it yourself to send a change at once (for
   * example an idle input when the page is hidden, since hidden pages' timers slow to 1 Hz).
   */
  sendInput(intent: Intent = (this.options.intent ?? (() => IDLE))()): void {
    if (!this.isPlayer || !this.isOpen()) return;
    const safe = sanitizeIntent(intent);
    const seq = ++this.seq;
    this.send({ msg: { case: "input", value: { seq, ackTick: this.ackTick, ...safe } } });
    this.predictor.push({ seq, moveX: safe.moveX, moveY: safe.moveY }, this.now());
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
      this.send({ msg: { case: "join", value: { name: this.options.name, client: this.options.client ?? CLIENT_ID } } });
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
      this.options.events?.onError?.(new Error(`undecodable server message: ${(e as Error).message}`));
      return;
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
    const wasResuming = this.status === "reconnecting";
    this.welcome = welcome;
    this.rules = arenaRules(welcome);
    this.fields = arenaFields(welcome.fields);
    const rates = [...welcome.fieldRates];
    if (!this.mirror || this.mirror.fieldCount !== welcome.fields.length || this.mirror.rates.join() !== rates.join()) {
      this.mirror = new WorldMirror(welcome.fields.length, this.options.historySize ?? 64, rates);
    }
    if (!this.clock || this.clock.msPerTick !== 1000 / this.rules.tickRate) this.clock = new TickClock(this.rules.tickRate);
    // Input seqs count per connection, so inputs of the old one can never be acknowledged.
    this.seq = 0;
    this.predictor.reset();
    this.ownDeaths = undefined;
    this.snapshotErrorRun = 0;
    if (wasResuming) this.stats.resumes++;
    this.startTimers();
    this.options.events?.onWelcome?.(welcome);
    const reason = !wasResuming ? "" : welcome.resumed ? "resumed" : "rejoined as a new entity";
    this.setStatus("live", reason);
  }

  private onSnapshot(snapshot: Snapshot, now: number): void {
    if (!this.mirror || !this.fields || !this.rules) return; // before Welcome: not for us yet
    let state: WorldState;
    try {
      state = this.mirror.apply(snapshot);
    } catch (e) {
      if (!(e instanceof SnapshotError)) throw e;
      this.stats.snapshotErrors++;
      this.options.events?.onError?.(e);
      // Not acking leaves the server diffing against our last ack, which we hold; if it keeps
      // failing anyway, a resumed connection starts from a complete snapshot.
      if (++this.snapshotErrorRun >= (this.options.maxSnapshotErrors ?? 40)) this.ws?.close(4000, "resync");
      return;
    }
    this.snapshotErrorRun = 0;
    this.stats.snapshots++;
    this.ackTick = state.tick;
    this.clock?.observe(state.tick, now);
    if (this.isPlayer) {
      const own = state.entities.get(this.entityId);
      if (own) {
        const f = this.fields;
        const deaths = f.deaths >= 0 ? own.values[f.deaths] : 0;
        const teleported = this.ownDeaths !== undefined && deaths !== this.ownDeaths;
        this.ownDeaths = deaths;
        const scale = this.rules.positionScale;
        this.predictor.reconcile({ x: own.values[f.x] / scale, y: own.values[f.y] / scale }, state.lastInputSeq, now, teleported);
      }
    } else {
      this.send({ msg: { case: "ack", value: { ackTick: state.tick } } });
    }
    this.options.events?.onSnapshot?.(state);
  }

  private onClosed(code: number, reason: string): void {
    this.stopTimers();
    this.ws = undefined;
    if (this.userClosed) return;
    const closing = this.closing;
    const why = closing?.reason || reason || describeClose(closing?.code ?? code);
    const token = this.welcome?.resumeToken;
    if (closing?.redirectUrl) {
      // The server moves us (a node draining): same seat, new address.
      const target = new URL(closing.redirectUrl).searchParams.has("token") || !token ? closing.redirectUrl : withToken(closing.redirectUrl, token);
      this.setStatus("reconnecting", `moving: ${why}`);
      this.retryTimer = setTimeout(() => this.connect(target), 0);
      return;
    }
    if (!this.welcome) {
      return this.setStatus("closed", `could not join (${why}); the seat may have expired or the server refused it`);
    }
    if (FINAL_CODES.has(closing?.code ?? code) || this.options.reconnect === false || !token) {
      return this.setStatus("closed", why);
    }
    const now = this.now();
    if (this.status !== "reconnecting") {
      this.lostAt = now;
      this.attempt = 0;
      this.setStatus("reconnecting", `connection lost (${why}), resuming…`);
    }
    const graceMs = this.welcome.resumeGraceMs;
    const left = this.lostAt + graceMs - now;
    if (left <= 0 && this.attempt > 0) {
      return this.setStatus("closed", `connection lost and could not resume within ${Math.round(graceMs / 1000)} s (${why})`);
    }
    // First try at once (most drops are a blip), then back off up to 2 s within the grace.
    const backoff = this.attempt === 0 ? 0 : Math.min(2000, 125 * 2 ** this.attempt);
    this.attempt++;
    const delay = Math.max(0, Math.min(backoff, left));
    this.retryTimer = setTimeout(() => this.connect(withToken(this.url, token)), delay);
  }

  private startTimers(): void {
    this.stopTimers();
    const ping = () => this.send({ msg: { case: "ping", value: { clientTimeMs: BigInt(Math.floor(this.now())) } } });
    ping();
    this.every(this.options.pingIntervalMs ?? 1000, ping);
    // One input per server tick: the server steps a player once per tick with its latest input.
    if (this.isPlayer && this.rules) this.every(1000 / this.rules.tickRate, () => this.sendInput());
  }

  /** Runs `task` every `periodMs` against a fixed schedule (no drift), never in a burst. */
  private every(periodMs: number, task: () => void): void {
    let next = this.now() + periodMs;
    const slot = this.timers.length;
    const run = () => {
      task();
      const now = this.now();
      next += periodMs;
      if (next < now) next = now + periodMs; // fell behind (a hidden tab): skip, do not burst
      this.timers[slot] = setTimeout(run, next - now);
    };
    this.timers[slot] = setTimeout(run, periodMs);
  }

  private stopTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
  }

  private isOpen(): boolean {
    return this.ws !== undefined && this.ws.readyState === OPEN;
  }

  private send(message: MessageInitShape<typeof ClientMessageSchema>): void {
    if (this.isOpen()) this.ws!.send(toBinary(ClientMessageSchema, create(ClientMessageSchema, message)));
  }

  private setStatus(status: SessionStatus, reason: string): void {
    this.status = status;
    this.reason = reason;
    this.options.events?.onStatus?.(status, reason);
  }
}

function describeClose(code: number): string {
  switch (code) {
    case 1000: return "closed by the server";
    case 1001: return "the server is going away";
    case 1006: return "connection dropped";
    case 1007: return "the server rejected a message (1007)";
    case 1008: return "policy violation (1008)";
    case 1009: return "message too big (1009)";
    case 1011: return "server error (1011)";
    default: return `closed with code ${code}`;
  }
}
