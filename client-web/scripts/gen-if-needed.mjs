// Runs `buf generate` when the generated code is missing or older than the .proto files, so
// `npm test` works on a fresh clone without regenerating on every run.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const out = "src/gen/tickstream/v1/tickstream_pb.ts";

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

if (!existsSync(out) || statSync(out).mtimeMs < newestMtime("../proto")) {
  execFileSync("buf", ["generate"], { stdio: "inherit" });
}
