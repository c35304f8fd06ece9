package dev.tickstream.loadtest.link;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace joined to this one by a veth pair whose two ends are shaped by {@code tbf}
 * to a bandwidth cap: a slow link through the kernel's own TCP (a packet over the shaper's queue
 * is dropped and really retransmitted). Created by a run and removed by {@link #close}, which
 * also runs on JVM exit; only namespaces this class created are touched.
 *
 * <p>Addresses are a private /30: this side {@code 10.200.N.1}, the namespace {@code 10.200.N.2}.
 * Needs root and iproute2 ({@code ip}, {@code tc}); {@link #unavailable} says why not.
 */
public final class NetNs implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  public final String name;
  public final String hostAddress;
  public final String nsAddress;
  private final String hostIf;
  private final List<Process> children = new ArrayList<>();
  private final Thread onExit;
  private boolean closed;

  private NetNs(String name, String hostIf, int subnet) {
    this.name = name;
    this.hostIf = hostIf;
    this.hostAddress = "10.200." + subnet + ".1";
    this.nsAddress = "10.200." + subnet + ".2";
    this.onExit = new Thread(this::remove, "netns-cleanup-" + name);
  }

  /** Null when namespaces can be made here, else why not (for a test's assumption). */
  public static String unavailable() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return "network namespaces need root (running as " + System.getProperty("user.name") + ")";
    }
    try {
      String probe = "tsprobe" + ProcessHandle.current().pid() % 100_000;
      run("ip", "netns", "add", probe);
      run("ip", "netns", "del", probe);
      run("tc", "-V");
      return null;
    } catch (IOException e) {
      return "ip netns / tc do not work here: " + e.getMessage();
    }
  }

  /** A new namespace and veth pair, both ends shaped to {@code rateKbit} kbit/s. */
  public static NetNs create(int rateKbit) throws IOException {
    int id = (int) ((ProcessHandle.current().pid() * 7 + COUNTER.incrementAndGet()) % 100_000);
    String used = capture("ip", "-o", "addr", "show");
    int subnet = -1;
    for (int k = 0; k < 250; k++) {
      int n = (id + k) % 250 + 1;
      if (!used.contains("10.200." + n + ".")) {
        subnet = n;
        break;
      }
    }
    if (subnet < 0) {
      throw new IOException("no free 10.200.N.0/30 subnet");
    }
    NetNs ns = new NetNs("tslink" + id, "tsl" + id + "a", subnet);
    String nsIf = "tsl" + id + "b";
    Runtime.getRuntime().addShutdownHook(ns.onExit);
    try {
      run("ip", "netns", "add", ns.name);
      run("ip", "link", "add", ns.hostIf, "type", "veth", "peer", "name", nsIf);
      run("ip", "link", "set", nsIf, "netns", ns.name);
      run("ip", "addr", "add", ns.hostAddress + "/30", "dev", ns.hostIf);
      run("ip", "link", "set", ns.hostIf, "up");
      ns.exec("ip", "addr", "add", ns.nsAddress + "/30", "dev", nsIf);
      ns.exec("ip", "link", "set", nsIf, "up");
      ns.exec("ip", "link", "set", "lo", "up");
      // Burst: 50 ms at the rate (at least a few full packets); queue: 100 ms, then drops.
      String burst = Math.max(4 * 1514, rateKbit * 1000 / 8 / 20) + "b";
      String rate = rateKbit + "kbit";
      run("tc", "qdisc", "add", "dev", ns.hostIf, "root", "tbf", "rate", rate, "burst", burst,
          "latency", "100ms");
      ns.exec("tc", "qdisc", "add", "dev", nsIf, "root", "tbf", "rate", rate, "burst", burst,
          "latency", "100ms");
    } catch (IOException | RuntimeException e) {
      ns.close();
      throw e;
    }
    return ns;
  }

  /** Runs a command inside the namespace and waits for it. */
  public void exec(String... cmd) throws IOException {
    List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", name));
    c.addAll(List.of(cmd));
    run(c.toArray(String[]::new));
  }

  /** Starts a long-running process inside the namespace; {@link #close} ends it. */
  public Process start(List<String> cmd) throws IOException {
    List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", name));
    c.addAll(cmd);
    Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
    synchronized (children) {
      children.add(p);
    }
    return p;
  }

  /** {@code tc -s qdisc} of this side's end: what the shaper sent and dropped. */
  public String stats() {
    try {
      return capture("tc", "-s", "qdisc", "show", "dev", hostIf);
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  /** Whether the namespace exists (tests check the removal). */
  public static boolean exists(String name) throws IOException {
    return capture("ip", "netns", "list").lines().anyMatch(l -> l.split(" ")[0].equals(name));
  }

  @Override
  public void close() {
    remove();
    try {
      Runtime.getRuntime().removeShutdownHook(onExit);
    } catch (IllegalStateException e) {
      // shutting down: the hook runs anyway
    }
  }

  private synchronized void remove() {
    if (closed) {
      return;
    }
    closed = true;
    synchronized (children) {
      for (Process p : children) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
      }
      for (Process p : children) {
        try {
          if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    // Deleting the namespace deletes its veth end, and with it this side's.
    quietly("ip", "netns", "del", name);
    quietly("ip", "link", "del", hostIf);
  }

  private static void quietly(String... cmd) {
    try {
      run(cmd);
    } catch (IOException e) {
      // already gone
    }
  }

  static void run(String... cmd) throws IOException {
    capture(cmd);
  }

  /** Runs a command (bounded: 10 s) and returns its output; IOException when it fails. */
  static String capture(String... cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    StringBuilder out = new StringBuilder();
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null && out.length() < 1_000_000) {
        out.append(line).append('\n');
      }
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", cmd) + ": timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + ": exit " + p.exitValue() + ": "
          + out.toString().trim());
    }
    return out.toString();
  }
}
