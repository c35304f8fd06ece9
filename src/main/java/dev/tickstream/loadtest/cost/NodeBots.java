package dev.tickstream.loadtest.cost;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Node bots of the {@code colyseus} and {@code node-ws} variants: {@code node bots.mjs} of
 * the package in {@code --node-dir} as a child process on the players' cores, reading its
 * lines: {@code WINDOW OPEN} and {@code WINDOW CLOSED} open and close the meter's window (whose
 * players' side is this process's CPU from {@code /proc}), the others are its progress, shown
 * and logged; its JSON summary says whether the run really played. Used by one thread.
 */
final class NodeBots {
  static final String OPEN = "WINDOW OPEN";
  static final String CLOSED = "WINDOW CLOSED";

  private NodeBots() {}

  /**
   * Throws unless {@code dir} holds the bots and their installed dependencies: a clear
   * error for the run's report rather than a crash of the command.
   */
  static void requireInstalled(Path dir, String variant) {
    if (!Files.isRegularFile(dir.resolve("bots.mjs"))) {
      throw new IllegalStateException("no Node bots in " + dir.toAbsolutePath()
          + " (--node-dir: the repository's loadtest/colyseus)");
    }
    if (!Files.isDirectory(dir.resolve("node_modules").resolve("@colyseus"))) {
      throw new IllegalStateException("run npm ci in " + dir
          + " (its node_modules is missing; a -Dskip.web build does not install it)");
    }
    Path sdk = sdk(dir);
    if (variant.equals("node-ws") && !Files.isRegularFile(sdk)) {
      throw new IllegalStateException("run npm ci and npm run build in "
          + sdk.getParent().getParent() + " (the bots play Tickstream through the"
          + " web SDK's Node bundle " + sdk.getFileName() + "; a -Dskip.web build skips it)");
    }
  }

  /** The web SDK's Node bundle the bots' Tickstream adapter loads (client-web's build). */
  static Path sdk(Path dir) {
    return dir.toAbsolutePath().normalize()
        .resolve("../../client-web/dist-node/tickstream-sdk.mjs").normalize();
  }

  /** The command line of the bots, before pinning. */
  static List<String> command(Path dir, String target, String url, int players, CostOptions o,
      Path summary) {
    return List.of("node", dir.resolve("bots.mjs").toAbsolutePath().toString(),
        "--target", target, "--url", url, "--bots", String.valueOf(players),
        "--ramp", String.valueOf(o.rampS()), "--warmup", String.valueOf(o.warmupS()),
        "--duration", String.valueOf(o.durationS()),
        "--tick-hz", String.valueOf(o.tickHz()), "--inputs", "per-tick", "--seed", "1",
        "--summary", summary.toAbsolutePath().toString());
  }

  /**
   * Plays {@code players} Node bots of {@code target} against {@code url} with the servers
   * {@code s}; their figures go into {@code r}. Returns the meter of the window. Throws when the
   * bots failed, stopped early, or a bot received nothing in the window.
   */
  static Meter play(CostOptions o, Pinning pinning, Servers s, String target, String url,
      int players, Path dir, String label, JsonObject r, PrintStream out) throws Exception {
    Path bots = Files.createDirectories(dir.resolve("bots"));
    Path summary = bots.resolve(label + ".json");
    Path log = dir.resolve("logs").resolve(label + "-bots.log");
    Files.createDirectories(log.getParent());
    List<String> cmd = pinning.botCommand(command(o.nodeDir(), target, url, players, o, summary));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    Meter m = new Meter(s.pids(), 1, List.of(p.pid()));
    Thread reader = new Thread(() -> read(p, log, m, "[" + label + "] ", out), "cost-node-bots");
    reader.setDaemon(true);
    reader.start();
    // Bounded: the bots' own hard stop is below this.
    long limitS = (long) (2 * o.rampS() + Math.max(5, o.rampS()) + o.warmupS() + o.durationS())
        + 60;
    try {
      if (!p.waitFor(limitS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the Node bots did not finish within " + limitS
            + " s; see logs/" + log.getFileName());
      }
      reader.join(5000);
    } finally {
      if (p.isAlive()) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    JsonObject sum = Files.isRegularFile(summary) ? new JsonObject(Files.readString(summary))
        : null;
    if (sum == null) {
      throw new IllegalStateException("the Node bots exited " + p.exitValue()
          + " without a summary; see logs/" + log.getFileName());
    }
    figures(sum, r);
    String why = failure(sum, p.exitValue());
    if (why != null) {
      throw new IllegalStateException(why + "; see logs/" + log.getFileName());
    }
    return m;
  }

  /** The bots' summary's figures into the run's (keys shared with the other variants). */
  static void figures(JsonObject sum, JsonObject r) {
    r.put("bots_connected", sum.getValue("bots_connected"))
        .put("frames_received", sum.getValue("states_received"))
        .put("states_per_bot_per_s", sum.getValue("states_per_bot_per_s"))
        .put("bytes_per_client_per_s", sum.getValue("bytes_per_bot_per_s"))
        .put("inputs_per_bot_per_s", sum.getValue("inputs_per_bot_per_s"))
        .put("bots_errors", sum.getValue("errors"))
        .put("bots_disconnects", sum.getValue("disconnects"))
        .put("node_bots", sum);
  }

  /**
   * Why a finished bots' run does not count (null: it does): a non-zero exit, bots that never
   * connected, or received nothing in the window, or a snapshot they could not apply.
   */
  static String failure(JsonObject sum, int exit) {
    int bots = sum.getInteger("bots", 0);
    int connected = sum.getInteger("bots_connected", 0);
    long states = sum.getLong("states_received", 0L);
    int silent = sum.getInteger("bots_silent_in_window", bots);
    if (sum.getBoolean("hard_stop", false)) {
      return "the Node bots hit their hard stop";
    }
    if (connected < bots) {
      return "only " + connected + " of " + bots + " Node bots connected ("
          + sum.getValue("last_error") + ")";
    }
    if (states <= 0 || silent > 0) {
      return "the Node bots received nothing in the window (" + silent + " of " + bots
          + " bots got no state)";
    }
    if (sum.getInteger("decode_errors", 0) > 0) {
      return sum.getValue("decode_errors") + " snapshots the Node bots could not apply ("
          + sum.getValue("last_error") + ")";
    }
    if (exit != 0) {
      return "the Node bots exited " + exit;
    }
    return null;
  }

  /** Logs every line, shows the progress, and opens and closes the window on the markers. */
  private static void read(Process p, Path log, Meter m, String prefix, PrintStream out) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8)); Writer w = Files.newBufferedWriter(log)) {
      for (String line; (line = in.readLine()) != null; ) {
        w.write(line);
        w.write('\n');
        w.flush();
        if (line.equals(OPEN)) {
          m.begin();
        } else if (line.equals(CLOSED)) {
          m.end();
        } else if (!line.startsWith("SUMMARY ")) {
          out.println(prefix + line);
        }
      }
    } catch (IOException e) {
      // the process went away; its exit status and summary tell the rest
    }
  }

  /** The Colyseus arena server's command line for {@code port}, before pinning. */
  static List<String> serverCommand(Path dir, int port) {
    return new ArrayList<>(List.of("node", dir.resolve("server.mjs").toAbsolutePath().toString(),
        String.valueOf(port)));
  }

  /** The line the Colyseus server prints once it listens on {@code port}. */
  static String serverReady(int port) {
    return "colyseus serving ws://127.0.0.1:" + port;
  }
}
