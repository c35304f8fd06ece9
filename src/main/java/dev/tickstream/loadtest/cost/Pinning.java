package dev.tickstream.loadtest.cost;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the processes run: with taskset and two or more cores, each server child JVM on core
 * 0 ({@code taskset -c 0 java ...}) and this JVM (the players' side) on cores 1..n-1, so
 * "percent of a core" means one core each side and neither steals the other's. The affinity
 * this JVM had is given back on {@link #restore}. Without taskset or with one core, nothing is
 * pinned and the report says so.
 */
final class Pinning {
  private static final Pattern MASK = Pattern.compile("affinity mask: ([0-9a-fA-F,]+)");

  private final boolean on;
  private final int cores;
  private final String why;
  private String savedMask;

  private Pinning(boolean on, int cores, String why) {
    this.on = on;
    this.cores = cores;
    this.why = why;
  }

  /** Pins this JVM to cores 1..n-1 when {@code wanted} and possible. */
  static Pinning start(boolean wanted) {
    int cores = Runtime.getRuntime().availableProcessors();
    if (!wanted) {
      return new Pinning(false, cores, "--no-pin");
    }
    if (cores < 2) {
      return new Pinning(false, cores, "one core");
    }
    String pid = String.valueOf(ProcessHandle.current().pid());
    String before = run(List.of("taskset", "-p", pid));
    Matcher m = before == null ? null : MASK.matcher(before);
    if (m == null || !m.find()) {
      return new Pinning(false, cores, "taskset not found or not allowed");
    }
    if (run(List.of("taskset", "-a", "-p", "-c", playerCores(cores), pid)) == null) {
      return new Pinning(false, cores, "taskset refused to pin this process");
    }
    Pinning p = new Pinning(true, cores, "servers on core 0, players on core"
        + (cores == 2 ? " 1" : "s 1-" + (cores - 1)));
    p.savedMask = m.group(1);
    return p;
  }

  boolean on() {
    return on;
  }

  String why() {
    return why;
  }

  /** Cores of the machine (as this JVM saw them before pinning). */
  int cores() {
    return cores;
  }

  /** Cores the servers of a variant run on: 1 pinned, else all. */
  int serverCores() {
    return on ? 1 : cores;
  }

  /** Cores the players' side runs on: n-1 pinned, else all. */
  int botCores() {
    return on ? cores - 1 : cores;
  }

  /** A server child's command line, under {@code taskset -c 0} when pinning is on. */
  List<String> serverCommand(List<String> cmd) {
    return pinned("0", cmd);
  }

  /**
   * A players' side child's command line (the Node bots), on the cores this JVM's players
   * have when pinning is on.
   */
  List<String> botCommand(List<String> cmd) {
    return pinned(playerCores(cores), cmd);
  }

  private List<String> pinned(String cpuList, List<String> cmd) {
    if (!on) {
      return cmd;
    }
    List<String> out = new ArrayList<>(List.of("taskset", "-c", cpuList));
    out.addAll(cmd);
    return out;
  }

  /** The players' cores as a taskset list: all but core 0. */
  private static String playerCores(int cores) {
    return "1-" + (cores - 1);
  }

  /** Gives this JVM's threads back the affinity they had. */
  void restore() {
    if (on && savedMask != null) {
      run(List.of("taskset", "-a", "-p", savedMask,
          String.valueOf(ProcessHandle.current().pid())));
    }
  }

  /** The command's output, or null when it did not run or failed (bounded: 10 s). */
  private static String run(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
