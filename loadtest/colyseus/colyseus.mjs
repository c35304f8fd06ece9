// The bots' Colyseus adapter: what a Colyseus JavaScript client does. @colyseus/sdk
// joinOrCreate("arena") (rooms of 16), the SDK decodes every state patch into its mirror of
// the room's schema (reflected from the server, as a client without the server's classes),
// and the bot sends its intent as the "input" message. Colyseus has no acknowledgements.

import { Client } from '@colyseus/sdk';

export class ColyseusBot {
  constructor(url, name, stats, perTick) {
    this.client = new Client(url);
    this.name = name;
    this.stats = stats;
    this.perTick = perTick;
    this.closing = false;
    this.last = null;
    this.received = 0; // states
  }

  async connect() {
    const room = await this.client.joinOrCreate('arena', { name: this.name });
    this.room = room;
    // Bytes as they arrive on the socket, before the SDK decodes them.
    const ws = room.connection.transport.ws;
    ws.on('message', (data) => {
      this.stats.bytesIn += data.byteLength ?? data.length;
    });
    room.onStateChange(() => {
      this.stats.states++;
      this.received++;
    });
    room.onMessage('hit', () => this.stats.events++);
    room.onMessage('kill', () => this.stats.events++);
    room.onError((code, message) => {
      this.stats.errors++;
      this.stats.lastError = `${code}: ${message}`;
    });
    room.onLeave((code) => {
      if (!this.closing) {
        this.stats.disconnects++;
        this.stats.lastError = `left with ${code}`;
      }
    });
  }

  /** Own position in map units, NaN until the state has it. */
  position() {
    const p = this.room?.state?.players?.get(this.room.sessionId);
    return p ? [p.x, p.y] : [NaN, NaN];
  }

  input(mx, my, aim, fire) {
    if (!this.perTick && this.last && this.last[0] === mx && this.last[1] === my
        && this.last[2] === aim && this.last[3] === fire) {
      return;
    }
    this.last = [mx, my, aim, fire];
    if (this.room?.connection.isOpen) {
      this.room.send('input', { mx, my, aim, fire });
      this.stats.inputs++;
    }
  }

  close() {
    this.closing = true;
    this.room?.leave(true).catch(() => {});
  }
}
