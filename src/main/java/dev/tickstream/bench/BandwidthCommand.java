package dev.tickstream.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code tickstream.jar bandwidth}: prints one JSON object with what each client receives in
 * the arena (rooms of 16) or the big world, beside full-protobuf, JSON and schema-patch
 * baselines of the same views. See {@link BandwidthRun}.
 */
public final class BandwidthCommand {
  /** Held so the logger (and its level) is not collected while the command runs. */
  private static final Logger QUIET = Logger.getLogger("dev.tickstream.room");

  private BandwidthCommand() {}

  static final String USAGE = """
      usage: java -jar tickstream.jar bandwidth [--players N] [--ticks T] [--world]
                                                [--view-radius R] [--seed S] [--ack-lag T]
                                                [--delta-base sent|acked]
                                                [--scale N1,N2,... [--rounds R] [--out DIR]]
                                                [--together N1,N2,...]
        --players N      simulated players (default 16)
        --ticks T        ticks at 20 Hz whose bytes are measured, then T more whose server
                         CPU is timed with nothing recorded; after 40 warm-up (default 400)
        --world          one room on a map that grows with N at a fixed density
                         (about 100 players within the view radius)
        --view-radius R  world mode's view radius in map units (default 1000)
        --seed S         random seed (default 1)
        --ack-lag T      ticks between a snapshot and its acknowledgement (default 2,
                         a 100 ms round trip)
        --delta-base B   what deltas are made against, as the server's deltaBase setting:
                         sent (default: the last snapshot written) or acked
        --scale N1,N2    world mode at each of these player counts, each run in its own JVM,
                         sizes interleaved over rounds; writes scaling.json and scaling.html
                         (charts of CPU, bytes and CPU per client per entity in view)
        --rounds R       rounds of --scale (default 3); figures are medians over rounds
        --out DIR        where --scale writes its report (default bandwidth-scaling)
        --together N1,N2 world mode at each size in one process, one room each, the rooms
                         ticking in turn on one event loop: each size's CPU per tick under
                         the same compiled code and the same spell of a shared machine
                         (views and bytes counted, not analysed)
      """;

  /** Runs and returns the exit status. */
  public static int run(String[] args) throws Exception {
    int players = 16;
    int ticks = 400;
    boolean world = false;
    int radius = 1000;
    long seed = 1;
    int ackLag = 2;
    boolean againstSent = true;
    int[] scale = null;
    int[] together = null;
    int rounds = 3;
    Path out = Path.of("bandwidth-scaling");
    List<String> childArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--players" -> players = Integer.parseInt(args[++i]);
        case "--ticks" -> ticks = Integer.parseInt(pass(childArgs, args, ++i));
        case "--world" -> world = true;
        case "--view-radius" -> radius = Integer.parseInt(pass(childArgs, args, ++i));
        case "--seed" -> seed = Long.parseLong(pass(childArgs, args, ++i));
        case "--ack-lag" -> ackLag = Integer.parseInt(pass(childArgs, args, ++i));
        case "--scale" -> scale = Arrays.stream(args[++i].split(","))
            .mapToInt(Integer::parseInt).toArray();
        case "--together" -> together = Arrays.stream(args[++i].split(","))
            .mapToInt(Integer::parseInt).toArray();
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--delta-base" -> {
          String b = pass(childArgs, args, ++i);
          if (!b.equals("sent") && !b.equals("acked")) {
            System.err.print("--delta-base is sent or acked\n" + USAGE);
            return 2;
          }
          againstSent = b.equals("sent");
        }
        case "--help", "-h" -> {
          System.out.print(USAGE);
          return 0;
        }
        default -> {
          System.err.print("unknown option " + args[i] + "\n" + USAGE);
          return 2;
        }
      }
    }
    if (players < 1 || players > 100_000 || ticks < 1 || ticks > 100_000 || ackLag < 0
        || ackLag > 32 || radius < 50) {
      System.err.print("option out of range\n" + USAGE);
      return 2;
    }
    if (scale != null) {
      if (scale.length < 2 || rounds < 1 || rounds > 20
          || Arrays.stream(scale).anyMatch(n -> n < 1 || n > 100_000)) {
        System.err.print("--scale takes two or more sizes, --rounds 1 to 20\n" + USAGE);
        return 2;
      }
      System.out.println(BandwidthScaling.run(scale, rounds, childArgs, out).encodePrettily());
      return 0;
    }
    // Stdout carries the JSON object alone: rooms' INFO lines (created, closed) stay out of it,
    // and warnings (a big world's set-up holds the event loop for seconds) go to stderr.
    QUIET.setLevel(Level.WARNING);
    logToStderr();
    if (together != null && (together.length < 2
        || Arrays.stream(together).anyMatch(n -> n < 1 || n > 100_000)
        || Arrays.stream(together).sum() > 100_000)) {
      System.err.print("--together takes two or more sizes, 100,000 players in all\n" + USAGE);
      return 2;
    }
    var options = new BandwidthRun.Options(players, ticks, world || together != null, seed,
        radius, ackLag, 40, 64, againstSent, together);
    System.out.println(new BandwidthRun(options).run().encodePrettily());
    return 0;
  }

  private static void logToStderr() {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    root.addHandler(new ConsoleHandler());
  }

  /** Returns {@code args[i]} and keeps it, with its option, for the child runs of --scale. */
  private static String pass(List<String> childArgs, String[] args, int i) {
    childArgs.add(args[i - 1]);
    childArgs.add(args[i]);
    return args[i];
  }
}
