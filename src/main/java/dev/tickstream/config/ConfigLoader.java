package dev.tickstream.config;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads {@link TickstreamConfig}: defaults, then a JSON file ({@code --config path} or
 * {@code TICKSTREAM_CONFIG}), then environment variables, then {@code tickstream.*} system
 * properties. Records which layer set what, for the start-up log line.
 */
public final class ConfigLoader {

  /** Setting names with their defaults; env names derive from these (tickRate -> TICK_RATE). */
  static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  static {
    DEFAULTS.put("host", "0.0.0.0");
    DEFAULTS.put("port", "8080");
    DEFAULTS.put("tlsPort", "8443");
    DEFAULTS.put("tlsCertPath", "");
    DEFAULTS.put("tlsKeyPath", "");
    DEFAULTS.put("publicHost", "");
    DEFAULTS.put("publicUrl", "");
    DEFAULTS.put("trustedProxies", "");
    DEFAULTS.put("forwardedHeaders", "x-forwarded");
    DEFAULTS.put("tickRate", "20");
    DEFAULTS.put("sendRate", "");
    DEFAULTS.put("maxPlayers", "16");
    DEFAULTS.put("maxSpectators", "32");
    DEFAULTS.put("roomThreads", String.valueOf(Runtime.getRuntime().availableProcessors()));
    DEFAULTS.put("roomIdleCloseMs", "10000");
    DEFAULTS.put("snapshotHistory", "64");
    DEFAULTS.put("maxRewindMs", "200");
    DEFAULTS.put("authSecret", "");
    DEFAULTS.put("seatTokenTtlSeconds", "60");
    DEFAULTS.put("reconnectGraceMs", "15000");
    DEFAULTS.put("joinTimeoutMs", "5000");
    DEFAULTS.put("maxFrameBytes", "1024");
    DEFAULTS.put("inputBuffer", "32");
    DEFAULTS.put("eventBuffer", "256");
    DEFAULTS.put("stallTimeoutMs", "5000");
    DEFAULTS.put("viewRadius", "0");
    DEFAULTS.put("deltaBase", "sent");
    DEFAULTS.put("mapSize", "4000");
    DEFAULTS.put("seed", "");
    DEFAULTS.put("webRoot", "");
    DEFAULTS.put("allowedOrigins", "");
    DEFAULTS.put("maxConnectionsPerIp", "64");
    DEFAULTS.put("handshakesPerSecondPerIp", "20");
    DEFAULTS.put("matchmakesPerSecondPerIp", "10");
    DEFAULTS.put("maxUnclaimedSeatsPerIp", "8");
    DEFAULTS.put("maxRooms", "1000");
    DEFAULTS.put("metricsToken", "");
    DEFAULTS.put("inputsPerSecond", "60");
    DEFAULTS.put("inputBurst", "30");
    DEFAULTS.put("idleTimeoutMs", "30000");
    DEFAULTS.put("httpHeaderTimeoutMs", "10000");
    DEFAULTS.put("httpIdleTimeoutMs", "30000");
    DEFAULTS.put("maxHttpConnectionsPerIp", "32");
    DEFAULTS.put("permessageDeflate", "false");
    DEFAULTS.put("socketSendBufferBytes", "65536");
    DEFAULTS.put("transport", "auto");
    DEFAULTS.put("tlsEngine", "auto");
    DEFAULTS.put("cluster", "false");
    DEFAULTS.put("clusterHost", "127.0.0.1");
    DEFAULTS.put("clusterPort", "5701");
    DEFAULTS.put("clusterMembers", "");
    DEFAULTS.put("checkpointIntervalMs", "500");
    DEFAULTS.put("drainTimeoutMs", "10000");
    DEFAULTS.put("record", "none");
    DEFAULTS.put("recordDir", "recordings");
    DEFAULTS.put("recordMaxBytesPerMatch", "8388608");
    DEFAULTS.put("recordMaxTotalBytes", "1073741824");
    DEFAULTS.put("recordKeyframeSeconds", "5");
    DEFAULTS.put("spectatorMaxDelaySeconds", "120");
    DEFAULTS.put("maxDelayedSpectatorsPerRoom", "8");
  }

  private ConfigLoader() {}

  /** Loads from the real environment and system properties. */
  public static TickstreamConfig load(String configFile) {
    return load(configFile, System.getenv(), System.getProperties());
  }

  /** Loads with the given environment and system properties (tests pass their own). */
  public static TickstreamConfig load(
      String configFile, Map<String, String> env, Map<Object, Object> sysProps) {
    replaced(env.containsKey("NATIVE_TRANSPORT") ? "NATIVE_TRANSPORT"
        : sysProps.containsKey("tickstream.nativeTransport") ? "tickstream.nativeTransport"
        : null);
    Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
    List<String> sources = new ArrayList<>();
    sources.add("defaults");
    String file = configFile != null ? configFile : env.get("TICKSTREAM_CONFIG");
    if (file != null && !file.isBlank()) {
      JsonObject json = readJson(Path.of(file));
      for (String key : json.fieldNames()) {
        if (key.equals("nativeTransport")) {
          replaced("'nativeTransport' in " + file);
        }
        if (!DEFAULTS.containsKey(key)) {
          throw new IllegalArgumentException("unknown setting '" + key + "' in " + file);
        }
        Object v = json.getValue(key);
        values.put(key, v instanceof Iterable<?> it ? join(it) : String.valueOf(v));
      }
      sources.add("file " + file + " " + json.fieldNames());
    }
    List<String> fromEnv = new ArrayList<>();
    List<String> fromProps = new ArrayList<>();
    for (String key : DEFAULTS.keySet()) {
      String e = env.get(envName(key));
      if (e != null) {
        values.put(key, e);
        fromEnv.add(envName(key));
      }
      Object p = sysProps.get("tickstream." + key);
      if (p != null) {
        values.put(key, p.toString());
        fromProps.add("tickstream." + key);
      }
    }
    if (!fromEnv.isEmpty()) {
      sources.add("env " + fromEnv);
    }
    if (!fromProps.isEmpty()) {
      sources.add("system properties " + fromProps);
    }
    return build(values, String.join(" < ", sources));
  }

  // nativeTransport (a boolean) became transport; a node must not silently ignore it.
  private static void replaced(String where) {
    if (where != null) {
      throw new IllegalArgumentException(where + " was replaced by transport"
          + " (auto|io_uring|epoll|nio; TRANSPORT / tickstream.transport): nativeTransport=false"
          + " is transport=nio, true is auto");
    }
  }

  /**
   * The environment that lifts every per-address limit (each setting named {@code ...PerIp})
   * to 1,000,000: for a node that a load test fills from one address. Derived from the
   * settings, so a new per-address limit is lifted too.
   */
  public static Map<String, String> perAddressLimitsLifted() {
    Map<String, String> env = new LinkedHashMap<>();
    DEFAULTS.keySet().stream().filter(k -> k.endsWith("PerIp"))
        .forEach(k -> env.put(envName(k), "1000000"));
    return env;
  }

  /** tickRate -> TICK_RATE. */
  public static String envName(String key) {
    return key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase();
  }

  private static TickstreamConfig build(Map<String, String> v, String source) {
    int tickRate = integer(v, "tickRate");
    String secret = v.get("authSecret");
    if (secret.isBlank()) {
      // A per-process secret: fine for one node; a cluster must share one (see README).
      byte[] b = new byte[32];
      new SecureRandom().nextBytes(b);
      secret = HexFormat.of().formatHex(b);
    }
    String seed = v.get("seed");
    return new TickstreamConfig(
        v.get("host"),
        integer(v, "port"),
        integer(v, "tlsPort"),
        blankToNull(v.get("tlsCertPath")),
        blankToNull(v.get("tlsKeyPath")),
        blankToNull(v.get("publicHost")),
        blankToNull(v.get("publicUrl")) == null ? null
            : v.get("publicUrl").trim().replaceAll("/$", ""),
        list(v.get("trustedProxies")),
        v.get("forwardedHeaders").trim().toLowerCase(),
        tickRate,
        v.get("sendRate").isBlank() ? tickRate : integer(v, "sendRate"),
        integer(v, "maxPlayers"),
        integer(v, "maxSpectators"),
        integer(v, "roomThreads"),
        integer(v, "roomIdleCloseMs"),
        integer(v, "snapshotHistory"),
        integer(v, "maxRewindMs"),
        secret,
        integer(v, "seatTokenTtlSeconds"),
        integer(v, "reconnectGraceMs"),
        integer(v, "joinTimeoutMs"),
        integer(v, "maxFrameBytes"),
        integer(v, "inputBuffer"),
        integer(v, "eventBuffer"),
        integer(v, "stallTimeoutMs"),
        integer(v, "viewRadius"),
        v.get("deltaBase").trim().toLowerCase(),
        integer(v, "mapSize"),
        seed.isBlank() ? new SecureRandom().nextLong() : Long.parseLong(seed.trim()),
        blankToNull(v.get("webRoot")),
        list(v.get("allowedOrigins")),
        integer(v, "maxConnectionsPerIp"),
        integer(v, "handshakesPerSecondPerIp"),
        integer(v, "matchmakesPerSecondPerIp"),
        integer(v, "maxUnclaimedSeatsPerIp"),
        integer(v, "maxRooms"),
        integer(v, "inputsPerSecond"),
        integer(v, "inputBurst"),
        integer(v, "idleTimeoutMs"),
        integer(v, "httpHeaderTimeoutMs"),
        integer(v, "httpIdleTimeoutMs"),
        integer(v, "maxHttpConnectionsPerIp"),
        bool(v, "permessageDeflate"),
        integer(v, "socketSendBufferBytes"),
        v.get("transport").trim().toLowerCase(),
        v.get("tlsEngine").trim().toLowerCase(),
        bool(v, "cluster"),
        v.get("clusterHost"),
        integer(v, "clusterPort"),
        list(v.get("clusterMembers")),
        integer(v, "checkpointIntervalMs"),
        integer(v, "drainTimeoutMs"),
        v.get("metricsToken").trim(),
        list(v.get("record").toLowerCase()),
        v.get("recordDir").trim(),
        longInteger(v, "recordMaxBytesPerMatch"),
        longInteger(v, "recordMaxTotalBytes"),
        integer(v, "recordKeyframeSeconds"),
        integer(v, "spectatorMaxDelaySeconds"),
        integer(v, "maxDelayedSpectatorsPerRoom"),
        source);
  }

  private static int integer(Map<String, String> v, String key) {
    try {
      return Integer.parseInt(v.get(key).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer: '" + v.get(key) + "'");
    }
  }

  private static long longInteger(Map<String, String> v, String key) {
    try {
      return Long.parseLong(v.get(key).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer: '" + v.get(key) + "'");
    }
  }

  private static boolean bool(Map<String, String> v, String key) {
    String s = v.get(key).trim().toLowerCase();
    if (!s.equals("true") && !s.equals("false")) {
      throw new IllegalArgumentException(key + " must be true or false: '" + v.get(key) + "'");
    }
    return Boolean.parseBoolean(s);
  }

  private static List<String> list(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String join(Iterable<?> it) {
    StringBuilder sb = new StringBuilder();
    for (Object o : it) {
      sb.append(sb.length() == 0 ? "" : ",").append(o);
    }
    return sb.toString();
  }

  private static JsonObject readJson(Path p) {
    try {
      return new JsonObject(Files.readString(p));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read config file " + p, e);
    }
  }
}
