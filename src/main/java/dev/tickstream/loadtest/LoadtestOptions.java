package dev.tickstream.loadtest;

import static dev.tickstream.config.CommandArgs.integer;
import static dev.tickstream.config.CommandArgs.seconds;
import static dev.tickstream.config.CommandArgs.value;

import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TrustOptions;
import dev.tickstream.loadtest.link.LinkPath;
import dev.tickstream.loadtest.link.LinkSpec;
import java.nio.file.Path;

/**
 * Everything a load test run is told. Durations are seconds. {@code url == null} means "start
 * a node on this machine" ({@code inProcess}: in this JVM, else as a child JVM).
 *
 * @param trust certificates to trust for an {@code https} url (null: the JVM's trust store)
 * @param serverInThisJvm the node at {@code url} runs in this JVM (tests): CPU is then split by
 *     thread, see {@link CpuSplit}
 * @param chaos share of bots that misbehave (see {@link ChaosKind}); NaN: no chaos scenario
 * @param stallTimeoutMs the started node's stallTimeoutMs; 0: its default
 * @param game the game the bots play: {@code arena} (the reference workload) or {@code football}
 * @param link the bots' WebSockets go through this impaired link ({@link LinkPath}); null: direct
 * @param inputs when a bot sends an input: on a change (and keep-alives), or every beat
 * @param decodeEvery one bot in this many keeps a full mirror (decodes every snapshot); the
 *     others read only their own row and the header (tick, last input seq); 1: all decode
 */
record LoadtestOptions(String url, int bots, double rampS, double warmupS, double durationS,
    int roomSize,
    boolean world, int viewRadius, int inputHz, Behaviour.Mix mix, boolean tls, boolean insecure,
    TrustOptions trust, String proxyHost, int proxyPort, long seed, int tickHz, int botThreads,
    int serverThreads, boolean inProcess, boolean serverInThisJvm, double sloP99Ms,
    long sloMaxDisconnects, long sloMaxErrors, Capacity capacity, Path reportDir, double chaos,
    int stallTimeoutMs, String game, LinkSpec link, InputMode inputs,
    int decodeEvery) {

  /** When bots send inputs: only on a change (default), or one every beat (as before). */
  enum InputMode {
    ON_CHANGE, PER_TICK;

    String wire() {
      return this == ON_CHANGE ? "on-change" : "per-tick";
    }
  }

  /** Capacity search: {@code start} bots, {@code step} more each step, {@code maxSteps} at most. */
  record Capacity(int start, int step, int maxSteps) {}

  static final String USAGE = """
      usage: java -jar tickstream.jar loadtest [options]
        --url URL            server to load, e.g. http://127.0.0.1:8080 or https://host:8443
                             (default: start a node on this machine as a child JVM)
        --in-process         start that node inside this JVM instead (CPU split by thread)
        --bots N             bots to connect (default 100)
        --ramp S             seconds over which the bots connect (default 10)
        --warmup S           seconds played unmeasured after the first ramp-up, while the JVMs
                             compile the hot paths (default 10)
        --duration S         seconds measured after the ramp-up (default 60; "60s" works too)
        --room-size N        players per room of the started node (default 16)
        --world              one room for all bots on a map that grows with them, view radius
                             --view-radius R (default 1000) at about 100 players in view
        --tick-hz N          tick rate of the started node (default 20)
        --input-hz N         input beats per second per bot: how often a bot reads its
                             controls (default 20)
        --inputs MODE        on-change (default): a bot sends an input when it differs from
                             the last one, plus the SDK's keep-alives and acks; per-tick: one
                             input every beat, as clients of servers without held inputs do
        --decode-every N     one bot in N decodes every snapshot into a full mirror (latency,
                             chase targets, correctness); the others read only the header and
                             their own row (default 16; 1: every bot decodes fully)
        --game NAME          the game the bots play: arena (default, the reference workload)
                             or football (rooms of 3v3, bots chase the ball and kick at goal)
        --mix SPEC           behaviours, e.g. wander=0.6,chase=0.2,fire=0.2 (default wander=1,
                             the reference workload)
        --tls                use wss:// to the started node (its certificate is trusted)
        --trust FILE.pem     trust this certificate (chain) for an https --url
        --insecure           trust any certificate (development servers only)
        --proxy HOST:PORT    tunnel through an HTTP CONNECT proxy
        --seed S             seed of the bots' behaviour and the started node (default 1)
        --bot-threads N      event loops running the bots (default 1)
        --server-threads N   room threads of the started node (default: its cores)
        --slo-p99-ms MS      input-to-ack p99 limit (default 2 ticks + 20 ms)
        --slo-disconnects N  unexpected disconnects allowed (default 0)
        --slo-errors N       failed connects allowed (default 0)
        --capacity           capacity search: from --start N bots (default 100), --step N more
                             (default 100) each step of --ramp + --duration seconds (the first
                             also --warmup), at most
                             --max-steps N (default 20), until the SLO fails
        --chaos SHARE        chaos scenario: this share of the bots (e.g. 0.2) play a little, then
                             misbehave at a seeded time in the measured window, spread over
                             garbage, oversize, flood, stall, text and reconnect; the report counts
                             each kind's close codes; --chaos 0 is the clean run to compare with
        --stall-timeout-ms MS  the started node's stall timeout (default 2000 with --chaos, so
                             readers that stop are closed within the run; else the node's 5000)
        --link SPEC          the bots' WebSockets go through an impaired link: round trip,
                             jitter, loss as TCP shows it (a stall of rto, default 200-400ms),
                             and a bandwidth cap (a tbf-shaped namespace; needs root), e.g.
                             100ms±20ms,loss=2%  or  50-150ms+-20ms,loss=1%,rate=2mbit
                             (the default p99 SLO then adds the worst round trip and stall)
        --report-dir DIR     where <timestamp>/report.{json,html} go (default loadtest/reports)
      Exit status: 0 SLO met (capacity: some step met it), 1 missed, 2 bad usage.
      """;

  static LoadtestOptions parse(String... args) {
    String url = null;
    int bots = 100;
    double ramp = 10;
    double warmup = 10;
    double duration = 60;
    int roomSize = 16;
    String game = "arena";
    boolean world = false;
    int viewRadius = 1000;
    int inputHz = 20;
    Behaviour.Mix mix = Behaviour.Mix.REFERENCE;
    boolean tls = false;
    boolean insecure = false;
    TrustOptions trust = null;
    String proxyHost = null;
    int proxyPort = 0;
    long seed = 1;
    int tickHz = 20;
    int botThreads = 1;
    int serverThreads = 0;
    boolean inProcess = false;
    double sloP99 = Double.NaN;
    long sloDisc = 0;
    long sloErr = 0;
    boolean capacity = false;
    int start = 100;
    int step = 100;
    int maxSteps = 20;
    Path reportDir = Path.of("loadtest", "reports");
    double chaos = Double.NaN;
    int stallTimeoutMs = 0;
    LinkSpec link = null;
    InputMode inputs = InputMode.ON_CHANGE;
    int decodeEvery = 16;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--url" -> url = value(args, ++i, a).replaceAll("/+$", "");
        case "--in-process" -> inProcess = true;
        case "--bots" -> bots = integer(args, ++i, a, 1, 1_000_000);
        case "--ramp" -> ramp = seconds(args, ++i, a, 0, 86_400);
        case "--warmup" -> warmup = seconds(args, ++i, a, 0, 86_400);
        case "--duration" -> duration = seconds(args, ++i, a, 0.5, 86_400);
        case "--room-size" -> roomSize = integer(args, ++i, a, 1, 100_000);
        case "--world" -> world = true;
        case "--view-radius" -> viewRadius = integer(args, ++i, a, 50, 1_000_000);
        case "--tick-hz" -> tickHz = integer(args, ++i, a, 10, 60);
        case "--input-hz" -> inputHz = integer(args, ++i, a, 1, 60);
        case "--inputs" -> {
          String v = value(args, ++i, a);
          inputs = switch (v) {
            case "on-change" -> InputMode.ON_CHANGE;
            case "per-tick" -> InputMode.PER_TICK;
            default -> throw new IllegalArgumentException(
                "--inputs is on-change or per-tick: " + v);
          };
        }
        case "--decode-every" -> decodeEvery = integer(args, ++i, a, 1, 1_000_000);
        case "--mix" -> mix = Behaviour.Mix.parse(value(args, ++i, a));
        case "--game" -> {
          game = value(args, ++i, a);
          if (!game.equals("arena") && !game.equals("football")) {
            throw new IllegalArgumentException("--game is arena or football: " + game);
          }
        }
        case "--tls" -> tls = true;
        case "--trust" -> trust = new PemTrustOptions().addCertPath(value(args, ++i, a));
        case "--insecure" -> insecure = true;
        case "--proxy" -> {
          String v = value(args, ++i, a);
          int colon = v.lastIndexOf(':');
          if (colon <= 0) {
            throw new IllegalArgumentException("--proxy wants host:port, got " + v);
          }
          proxyHost = v.substring(0, colon);
          proxyPort = integer(new String[] {v.substring(colon + 1)}, 0, a, 1, 65535);
        }
        case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
        case "--bot-threads" -> botThreads = integer(args, ++i, a, 1, 256);
        case "--server-threads" -> serverThreads = integer(args, ++i, a, 1, 1024);
        case "--slo-p99-ms" -> sloP99 = number(args, ++i, a);
        case "--slo-disconnects" -> sloDisc = integer(args, ++i, a, 0, Integer.MAX_VALUE);
        case "--slo-errors" -> sloErr = integer(args, ++i, a, 0, Integer.MAX_VALUE);
        case "--capacity" -> capacity = true;
        case "--start" -> start = integer(args, ++i, a, 1, 1_000_000);
        case "--step" -> step = integer(args, ++i, a, 1, 1_000_000);
        case "--max-steps" -> maxSteps = integer(args, ++i, a, 1, 1000);
        case "--report-dir" -> reportDir = Path.of(value(args, ++i, a));
        case "--chaos" -> chaos = share(args, ++i, a);
        case "--link" -> link = LinkSpec.parse(value(args, ++i, a));
        case "--stall-timeout-ms" -> stallTimeoutMs = integer(args, ++i, a, 100, 600_000);
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    if (url != null && !url.startsWith("http://") && !url.startsWith("https://")) {
      throw new IllegalArgumentException("--url must start with http:// or https://: " + url);
    }
    if (url != null && (world || tls || inProcess)) {
      throw new IllegalArgumentException("--world, --tls and --in-process shape the node the"
          + " load test starts; with --url the server's own settings apply");
    }
    if (!Double.isNaN(chaos) && capacity) {
      throw new IllegalArgumentException("--chaos runs one stage; it does not combine with"
          + " --capacity");
    }
    if (!Double.isNaN(chaos) && stallTimeoutMs == 0 && url == null) {
      stallTimeoutMs = 2000;
    }
    return new LoadtestOptions(url, bots, ramp, warmup, duration, roomSize, world, viewRadius,
        inputHz, mix, tls, insecure, trust, proxyHost, proxyPort, seed, tickHz, botThreads,
        serverThreads, inProcess, false, sloP99, sloDisc, sloErr,
        capacity ? new Capacity(start, step, maxSteps) : null, reportDir, chaos, stallTimeoutMs,
        game, link, inputs, decodeEvery);
  }

  /**
   * The SLO's p99 limit: as given, else 2 ticks + 20 ms at the server's tick rate, plus with
   * {@code --link} the link's worst round trip and, when it loses, its longest stall.
   */
  double sloP99MsFor(int serverTickHz) {
    double linkMs = link == null ? 0
        : link.worstRttMs() + (link.lossPct() > 0 ? link.rtoMaxMs() : 0);
    return Double.isNaN(sloP99Ms) ? 2000.0 / serverTickHz + 20 + linkMs : sloP99Ms;
  }

  LoadtestOptions withUrl(String url, TrustOptions trust, boolean serverInThisJvm) {
    return new LoadtestOptions(url, bots, rampS, warmupS, durationS, roomSize, world, viewRadius,
        inputHz, mix, tls, insecure, trust, proxyHost, proxyPort, seed, tickHz, botThreads,
        serverThreads, inProcess, serverInThisJvm, sloP99Ms, sloMaxDisconnects, sloMaxErrors,
        capacity, reportDir, chaos, stallTimeoutMs, game, link, inputs, decodeEvery);
  }

  boolean chaosOn() {
    return !Double.isNaN(chaos);
  }

  private static double share(String[] args, int i, String option) {
    String v = value(args, i, option);
    try {
      double d = Double.parseDouble(v);
      if (d >= 0 && d <= 1) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " wants a share in 0..1, got " + v);
  }

  private static double number(String[] args, int i, String option) {
    String v = value(args, i, option);
    try {
      double d = Double.parseDouble(v);
      if (d > 0 && d < 1e6) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " wants a positive number, got " + v);
  }
}
