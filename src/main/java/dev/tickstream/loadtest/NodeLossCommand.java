package dev.tickstream.loadtest;

/**
 * {@code tickstream.jar loadtest nodeloss}: the node-loss scenario ({@link NodeLossRun}), its
 * progress on stdout and its report in {@code loadtest/reports/<timestamp>-nodeloss/}; exit
 * status 0 when every target held, 1 when one did not, 2 for bad usage.
 */
public final class NodeLossCommand {
  private NodeLossCommand() {}

  public static int run(String[] args) throws Exception {
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        System.out.print(NodeLossOptions.USAGE);
        return 0;
      }
    }
    NodeLossOptions o;
    try {
      o = NodeLossOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.print("loadtest nodeloss: " + e.getMessage() + "\n" + NodeLossOptions.USAGE);
      return 2;
    }
    NodeLossRun.Result r = new NodeLossRun(o, System.out).run();
    for (Object t : r.report().getJsonArray("targets")) {
      System.out.println("target " + t);
    }
    System.out.println((r.pass() ? "targets met" : "targets missed") + "; report: "
        + r.dir().resolve("nodeloss.html").toAbsolutePath());
    return r.pass() ? 0 : 1;
  }
}
