// The server's impairment relay (dev.tickstream.loadtest.link.LinkRelay) as its own process, so
// that a browser can reach the server through a link with delay, jitter and loss-stalls: the
// same relay the load test's bots play through (`loadtest --link`).

import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { Failure } from "./lib.mjs";

/**
 * Starts `java -cp <jar> …LinkRelay` relaying 127.0.0.1:<free port> to `targetHost:targetPort`
 * over `spec` (LinkSpec syntax; ASCII `+-`, since the JVM may read arguments as ASCII), seeded.
 * Its output goes to `logFile`. Resolves { port, stop } once it listens; `stop` kills it (and so
 * does this process' exit, should a timeout end the run first).
 */
export async function startLinkRelay(jar, targetHost, targetPort, spec, seed, logFile) {
  const child = spawn("java", [
    // A small, quick JVM: it only copies bytes on a busy test machine.
    "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
    "-cp", jar, "dev.tickstream.loadtest.link.LinkRelay",
    "--listen", "127.0.0.1:0", "--to", `${targetHost}:${targetPort}`, "--link", spec, "--seed", String(seed),
  ], { stdio: ["ignore", "pipe", "pipe"] });
  const log = createWriteStream(logFile);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = false;
  const exit = new Promise((resolve) => child.on("exit", (code, signal) => {
    exited = true;
    resolve(code ?? signal);
  }));
  const kill = () => {
    if (!exited) child.kill("SIGKILL");
  };
  process.on("exit", kill);
  const stop = async () => {
    if (!exited) child.kill("SIGTERM");
    const timer = setTimeout(kill, 5000);
    await exit;
    clearTimeout(timer);
    process.off("exit", kill);
  };
  const port = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Failure(`the link relay did not start within 30 s; see ${logFile}`)), 30_000);
    child.stdout.on("data", (d) => {
      out += d;
      const m = /relaying on (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    exit.then((code) => {
      clearTimeout(timer);
      reject(new Failure(`the link relay exited (${code}) before it listened; see ${logFile}`));
    });
  }).catch(async (e) => {
    await stop();
    throw e;
  });
  return { port, stop };
}
