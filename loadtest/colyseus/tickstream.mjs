// The bots' Tickstream adapter: Tickstream's own web SDK (client-web's Session and the arena's
// GameClient, bundled for Node by client-web's `npm run build` into
// client-web/dist-node/tickstream-sdk.mjs) over the `ws` package, as a browser game plays it:
// matchmake, join, snapshots applied to the SDK's mirror with prediction, inputs sent by the
// session's own beat (every tick, or only when they change) carrying the acknowledgement, an
// Ack or keep-alive when due. The Colyseus side likewise plays through @colyseus/sdk.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import WebSocket from 'ws';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SDK = path.resolve(here, '..', '..', 'client-web', 'dist-node',
  'tickstream-sdk.mjs');
if (!fs.existsSync(SDK)) {
  throw new Error(`${SDK} is missing: run npm ci and npm run build in client-web`);
}
const { Session, arenaGame, arenaFields, matchmake } = await import(pathToFileURL(SDK).href);

/** Frames larger than this from the server are refused (its own limit is far below). */
const MAX_FRAME = 1 << 20;
/** One ping at the start only: the Colyseus bots send none, so neither side pays for them. */
const PING_INTERVAL_MS = 3_600_000;

export class TickstreamBot {
  /**
   * @param base the node's http(s) URL; stats: the run's shared counters; perTick: an input
   *     every tick (else only on change)
   */
  constructor(base, name, stats, perTick) {
    this.base = base.replace(/\/$/, '');
    this.name = name;
    this.stats = stats;
    this.perTick = perTick;
    this.intent = {};
    this.sent = null; // the intent the last input carried
    this.received = 0; // snapshots applied
    this.session = null;
    this.fields = null;
  }

  /** Resolves once welcomed; rejects on a refused seat or socket. */
  async connect() {
    const seat = await matchmake({ name: this.name, role: 'player' }, { baseUrl: this.base });
    const stats = this.stats;
    return new Promise((resolve, reject) => {
      let welcomed = false;
      this.session = new Session({
        url: seat.url,
        name: this.name,
        game: arenaGame,
        client: 'node-bots',
        inputs: this.perTick ? 'per-tick' : 'on-change',
        input: () => this.beat(),
        reconnect: false,
        pingIntervalMs: PING_INTERVAL_MS,
        webSocket: (url, protocols) => {
          const ws = new WebSocket(url, protocols, { maxPayload: MAX_FRAME,
            handshakeTimeout: 10_000 });
          ws.on('message', (data) => { stats.bytesIn += data.byteLength; });
          ws.on('error', () => { stats.errors++; });
          return ws;
        },
        events: {
          onWelcome: () => {
            this.fields = arenaFields(this.session.schema);
            welcomed = true;
            resolve();
          },
          onSnapshot: () => {
            stats.states++;
            this.received++;
          },
          onEvent: () => { stats.events++; },
          onError: (e) => {
            stats.errors++;
            if (/snapshot/i.test(e.message)) stats.decodeErrors++;
            stats.lastError = e.message;
          },
          onStatus: (status, reason) => {
            if (status !== 'closed') return;
            if (!welcomed) reject(new Error(`closed before Welcome: ${reason}`));
            else if (!this.closing) stats.disconnects++;
          },
        },
      }).start();
    });
  }

  /** Own position in map units, NaN while not in the mirror. */
  position() {
    const s = this.session;
    const row = s?.mirror?.latest?.entities.get(s.entityId);
    if (!row) return [NaN, NaN];
    const scale = s.welcome.positionScale || 1;
    return [row.values[this.fields.x] / scale, row.values[this.fields.y] / scale];
  }

  /** The pilot's intent; the session's beat sends it (every tick, or when it changed). */
  input(mx, my, aim, fire) {
    const i = this.intent;
    if (i.moveX !== mx || i.moveY !== my || i.aim !== aim || i.fire !== fire) {
      this.intent = { moveX: mx, moveY: my, aim, fire };
    }
  }

  /** The session's beat reads the intent: counted when it goes out (each tick, or changed). */
  beat() {
    if (this.perTick || this.intent !== this.sent) {
      this.sent = this.intent;
      this.stats.inputs++;
    }
    return this.intent;
  }

  /** Leaves the seat for good and closes. */
  close() {
    this.closing = true;
    this.session?.close('bot done');
  }
}
