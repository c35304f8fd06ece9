// Starts the server jar on free ports, serving this client's dist/, runs e2e/run.mjs against
// it, and stops the server again: one command for CI.
//
//   node e2e/serve-and-run.mjs <server.jar> <artifactDir>
//
// The server's log goes to <artifactDir>/server.log. Exits with run.mjs's code.

import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import net from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const [jarArg, artifactArg] = process.argv.slice(2);
if (!jarArg || !artifactArg) {
  console.error("usage: node e2e/serve-and-run.mjs <server.jar> <artifactDir>");
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const webRoot = resolve(here, "..", "dist");
const artifactDir = resolve(artifactArg);
mkdirSync(artifactDir, { recursive: true });
if (!existsSync(join(webRoot, "index.html"))) {
  console.error(`no build in ${webRoot}: run npm run build first`);
  process.exit(2);
}

/** A port nothing listens on right now (the OS picks it). */
const freePort = () =>
  new Promise((resolvePort, reject) => {
    const probe = net.createServer().once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });

const [port, tlsPort] = [await freePort(), await freePort()];
const logFile = join(artifactDir, "server.log");
const log = createWriteStream(logFile);
const server = spawn("java", ["-jar", resolve(jarArg), "serve"], {
  // Every room is recorded, for the replay scenario; the recordings stay beside the screenshots.
  env: { ...process.env, PORT: String(port), TLS_PORT: String(tlsPort), WEB_ROOT: webRoot, RECORD: "all", RECORD_DIR: join(artifactDir, "recordings") },
  stdio: ["ignore", "pipe", "pipe"],
});
server.stdout.pipe(log);
server.stderr.pipe(log);
let exited = false;
server.on("exit", () => (exited = true));

const stop = () => {
  if (!exited) server.kill("SIGTERM");
};
process.on("exit", stop);

const base = `http://127.0.0.1:${port}/`;
const until = Date.now() + 60_000;
for (;;) {
  const up = await fetch(new URL("health", base)).then((r) => r.ok, () => false);
  if (up) break;
  if (exited || Date.now() > until) {
    console.error(`the server did not come up on port ${port}; see ${logFile}`);
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 250));
}
console.log(`server up at ${base} (web root ${webRoot}); log: ${logFile}`);

const e2e = spawn(process.execPath, [join(here, "run.mjs"), base, artifactDir, resolve(jarArg)], { stdio: "inherit" });
const code = await new Promise((r) => e2e.on("exit", (c) => r(c ?? 1)));
stop();
process.exit(code);
