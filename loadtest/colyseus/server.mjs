// The Colyseus arena server of `loadtest cost --variants colyseus`:
//   node server.mjs PORT
// listens on 127.0.0.1:PORT only, serves the room "arena" (room.mjs), prints
// "colyseus serving ws://127.0.0.1:PORT" once it listens, and on SIGTERM or SIGINT prints its
// counters and exits.

import { Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { ArenaRoom, counters } from './room.mjs';

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error('usage: node server.mjs PORT (1..65535)');
  process.exit(2);
}

const server = new Server({
  // 4 KiB frames at most: an input is about 30 bytes; the rest is hostile.
  transport: new WebSocketTransport({ maxPayload: 4096 }),
  gracefullyShutdown: false,
  greet: false,
});
server.define('arena', ArenaRoom);
await server.listen(port, '127.0.0.1');
console.log(`colyseus serving ws://127.0.0.1:${port}`);

for (const sig of ['SIGTERM', 'SIGINT']) {
  process.on(sig, () => {
    console.log(`colyseus stopping: ${JSON.stringify(counters)}`);
    process.exit(0);
  });
}
