// The bots' Tickstream adapter: the real wire of docs/PROTOCOL.md. Matchmake over HTTP
// (POST /api/matchmake), open the seat's URL with the subprotocol tickstream.v1, Join, then
// binary protobuf frames: Snapshots applied to a mirror of the room (delta against the last
// one, dead reckoning, rows), Inputs carrying the newest applied tick as their ack, an Ack when
// the server asks for one (Welcome.ack_interval_ms) or as a keep-alive. The .proto files are
// loaded from the repository at run time (nothing generated is committed).

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import WebSocket from 'ws';

const here = path.dirname(fileURLToPath(import.meta.url));
const protoRoot = path.resolve(here, '..', '..', 'proto');
const root = protobuf.loadSync([
  path.join(protoRoot, 'tickstream', 'v1', 'tickstream.proto'),
  path.join(protoRoot, 'games', 'arena', 'v1', 'arena.proto'),
]);
const ClientMessage = root.lookupType('tickstream.v1.ClientMessage');
const ServerMessage = root.lookupType('tickstream.v1.ServerMessage');
const ArenaInput = root.lookupType('tickstream.arena.v1.ArenaInput');

/** Frames larger than this from the server are refused (its own limit is far below). */
const MAX_FRAME = 1 << 20;

export class TickstreamBot {
  /**
   * @param base the node's http(s) URL; stats: the run's shared counters; perTick: an input
   *     every beat (else only on change)
   */
  constructor(base, name, stats, perTick) {
    this.base = base.replace(/\/$/, '');
    this.name = name;
    this.stats = stats;
    this.perTick = perTick;
    this.seq = 0;
    this.tick = 0; // newest applied snapshot
    this.mirror = new Map(); // entity id -> Int32Array of fields
    this.entity = 0;
    this.closing = false;
    this.lastSentMs = 0;
    this.lastAckMs = 0;
    this.last = null;
    this.received = 0; // snapshots applied
  }

  /** Resolves once welcomed; rejects on a refused seat or socket. */
  async connect() {
    const res = await fetch(`${this.base}/api/matchmake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: this.name }),
      signal: AbortSignal.timeout(10_000),
    });
    const seat = await res.json();
    if (res.status !== 200) throw new Error(`matchmake ${res.status}: ${seat.error}`);
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(seat.url.includes('?') ? seat.url : `${seat.url}?token=${seat.token}`,
        'tickstream.v1', { maxPayload: MAX_FRAME, handshakeTimeout: 10_000 });
      this.ws = ws;
      let welcomed = false;
      ws.on('open', () => this.send({ join: { name: this.name, client: 'node-bots' } }));
      ws.on('message', (data, binary) => {
        this.stats.bytesIn += data.length;
        if (!binary) return this.fail('a text frame');
        let m;
        try {
          m = ServerMessage.decode(data);
        } catch (e) {
          return this.fail(`undecodable frame: ${e.message}`);
        }
        if (m.welcome) {
          this.welcome(m.welcome);
          welcomed = true;
          resolve();
        } else if (m.snapshot) {
          this.snapshot(m.snapshot);
        } else if (m.closing && !welcomed) {
          reject(new Error(`closing ${m.closing.code}: ${m.closing.reason}`));
        }
      });
      ws.on('error', (e) => {
        this.stats.errors++;
        if (!welcomed) reject(e);
      });
      ws.on('close', (code) => {
        if (!welcomed) reject(new Error(`closed ${code} before Welcome`));
        else if (!this.closing) this.stats.disconnects++;
      });
    });
  }

  welcome(w) {
    this.entity = w.entityId;
    this.scale = w.positionScale || 1;
    this.ackIntervalMs = w.ackIntervalMs || 0;
    this.keepAliveMs = (w.idleTimeoutMs || 30_000) / 3;
    const fields = w.schema.fields;
    this.fieldCount = fields.length;
    const byName = new Map(fields.map((f, i) => [f.name, i]));
    this.xField = byName.get('x');
    this.yField = byName.get('y');
    // [field, its rate field] for dead reckoning
    this.rates = fields.filter((f) => f.rate).map((f) => [byName.get(f.name), byName.get(f.rate)]);
  }

  /** Applies a snapshot (PROTOCOL.md §4); an unappliable one closes the bot. */
  snapshot(s) {
    if (s.baseTick !== 0 && s.baseTick !== this.tick) {
      this.stats.decodeErrors++;
      return this.fail(`snapshot against tick ${s.baseTick}, holding ${this.tick}`);
    }
    const m = this.mirror;
    if (s.baseTick === 0) m.clear();
    let id = 0;
    for (let i = 0; i < s.removed.length; i++) {
      id = i === 0 ? s.removed[0] : id + s.removed[i];
      m.delete(id);
    }
    const dt = s.tick - s.baseTick;
    if (s.baseTick !== 0) {
      for (const row of m.values()) {
        for (const [f, r] of this.rates) row[f] = (row[f] + row[r] * dt) | 0;
      }
    }
    let v = 0;
    id = 0;
    for (let i = 0; i < s.ids.length; i++) {
      id = i === 0 ? s.ids[0] : id + s.ids[i];
      const mask = s.masks[i];
      let row = m.get(id);
      const fresh = row === undefined;
      if (fresh) {
        row = new Int32Array(this.fieldCount);
        m.set(id, row);
      }
      for (let f = 0; f < this.fieldCount; f++) {
        if (mask & (1 << f)) {
          if (v >= s.values.length) {
            this.stats.decodeErrors++;
            return this.fail('snapshot rows run past its values');
          }
          row[f] = fresh ? s.values[v] : (row[f] + s.values[v]) | 0;
          v++;
        }
      }
    }
    this.tick = s.tick;
    this.stats.states++;
    this.received++;
    this.stats.events += s.events.length;
    if (!this.perTick) this.maybeAck();
  }

  /** Own position in map units, NaN while not in the mirror. */
  position() {
    const row = this.mirror.get(this.entity);
    return row ? [row[this.xField] / this.scale, row[this.yField] / this.scale] : [NaN, NaN];
  }

  /** The beat's intent: sent every beat (per tick) or when it changed. */
  input(mx, my, aim, fire) {
    if (!this.perTick && this.last && this.last[0] === mx && this.last[1] === my
        && this.last[2] === aim && this.last[3] === fire) {
      return;
    }
    this.last = [mx, my, aim, fire];
    const data = ArenaInput.encode({ moveX: mx, moveY: my, aim, fire }).finish();
    this.seq = (this.seq + 1) >>> 0;
    this.send({ input: { seq: this.seq, ackTick: this.tick, viewTick: this.tick, data } });
    this.lastAckMs = Date.now();
    this.stats.inputs++;
  }

  /** An Ack when the server asks for them, or nothing went out for a third of its idle timeout. */
  maybeAck() {
    const now = Date.now();
    if ((this.ackIntervalMs > 0 && now - this.lastAckMs >= this.ackIntervalMs)
        || now - this.lastSentMs >= this.keepAliveMs) {
      this.send({ ack: { ackTick: this.tick } });
      this.lastAckMs = now;
    }
  }

  send(msg) {
    if (this.ws?.readyState !== WebSocket.OPEN) return;
    this.ws.send(ClientMessage.encode(msg).finish());
    this.lastSentMs = Date.now();
  }

  fail(why) {
    this.stats.errors++;
    this.stats.lastError = why;
    this.ws?.close(1002, why.slice(0, 100));
  }

  /** Leaves the seat for good and closes. */
  close() {
    this.closing = true;
    this.send({ leave: {} });
    this.ws?.close(1000);
  }
}
