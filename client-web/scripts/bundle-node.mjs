// The web client's protocol and the arena's GameClient as one ES module for Node,
// dist-node/tickstream-sdk.mjs (beside dist/, so the jar does not serve it): loadtest/colyseus's
// bots play Tickstream through this SDK, as a browser game would, rather than through a second
// implementation of the wire. Run by `npm run build` once the generated code exists; on Node
// the Session needs a WebSocket from the `ws` package (its `webSocket` option).

import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
await build({
  stdin: {
    contents: [
      'export * from "./src/protocol/index.ts";',
      'export { arenaGame, arenaFields } from "./src/games/arena/index.ts";',
    ].join("\n"),
    resolveDir: root,
    loader: "ts",
  },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outfile: path.join(root, "dist-node", "tickstream-sdk.mjs"),
  logLevel: "warning",
});
