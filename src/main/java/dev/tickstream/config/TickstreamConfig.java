package dev.tickstream.config;

import java.util.List;

/**
 * Every setting of a Tickstream node, immutable. Built by {@link ConfigLoader} from defaults,
 * then a JSON file, then environment variables, then system properties (later ones win).
 *
 * <p>A setting named {@code tickRate} is read from the file key {@code tickRate}, the
 * environment variable {@code TICK_RATE} and the system property {@code tickstream.tickRate}.
 */
public record TickstreamConfig(
    String host,
    int port,
    int tlsPort,
    String tlsCertPath,
    String tlsKeyPath,
    String publicHost,
    String publicUrl,
    List<String> trustedProxies,
    String forwardedHeaders,
    int tickRate,
    int sendRate,
    int maxPlayers,
    int maxSpectators,
    int roomThreads,
    int roomIdleCloseMs,
    int snapshotHistory,
    int maxRewindMs,
    String authSecret,
    int seatTokenTtlSeconds,
    int reconnectGraceMs,
    int joinTimeoutMs,
    int maxFrameBytes,
    int inputBuffer,
    int eventBuffer,
    int stallTimeoutMs,
    int viewRadius,
    String deltaBase,
    int mapSize,
    long seed,
    String webRoot,
    List<String> allowedOrigins,
    int maxConnectionsPerIp,
    int handshakesPerSecondPerIp,
    int matchmakesPerSecondPerIp,
    int maxUnclaimedSeatsPerIp,
    int maxRooms,
    int inputsPerSecond,
    int inputBurst,
    int idleTimeoutMs,
    int httpHeaderTimeoutMs,
    int httpIdleTimeoutMs,
    int maxHttpConnectionsPerIp,
    boolean permessageDeflate,
    int socketSendBufferBytes,
    String transport,
    String tlsEngine,
    boolean cluster,
    String clusterHost,
    int clusterPort,
    List<String> clusterMembers,
    int checkpointIntervalMs,
    int drainTimeoutMs,
    String metricsToken,
    List<String> record,
    String recordDir,
    long recordMaxBytesPerMatch,
    long recordMaxTotalBytes,
    int recordKeyframeSeconds,
    int spectatorMaxDelaySeconds,
    int maxDelayedSpectatorsPerRoom,
    String source) {

  public TickstreamConfig {
    requireRange("port", port, 0, 65535);
    requireRange("tlsPort", tlsPort, -1, 65535);
    requireRange("tickRate", tickRate, 10, 60);
    requireRange("sendRate", sendRate, 1, tickRate);
    if (tickRate % sendRate != 0) {
      throw new IllegalArgumentException(
          "sendRate must divide tickRate: " + sendRate + " vs " + tickRate);
    }
    requireRange("maxPlayers", maxPlayers, 1, 100_000);
    requireRange("maxSpectators", maxSpectators, 0, 100_000);
    requireRange("roomThreads", roomThreads, 1, 1024);
    requireRange("roomIdleCloseMs", roomIdleCloseMs, 0, 86_400_000);
    requireRange("snapshotHistory", snapshotHistory, 8, 1024);
    // Beyond a second, compensating the shooter is unfair to everyone it shoots at.
    requireRange("maxRewindMs", maxRewindMs, 0, 1000);
    requireRange("seatTokenTtlSeconds", seatTokenTtlSeconds, 1, 86_400);
    requireRange("reconnectGraceMs", reconnectGraceMs, 0, 3_600_000);
    requireRange("joinTimeoutMs", joinTimeoutMs, 100, 60_000);
    requireRange("maxFrameBytes", maxFrameBytes, 64, 1 << 20);
    requireRange("inputBuffer", inputBuffer, 1, 4096);
    requireRange("eventBuffer", eventBuffer, 1, 65536);
    requireRange("stallTimeoutMs", stallTimeoutMs, 100, 600_000);
    requireRange("viewRadius", viewRadius, 0, 1_000_000);
    requireRange("mapSize", mapSize, 100, 1_000_000);
    if (!deltaBase.equals("sent") && !deltaBase.equals("acked")) {
      throw new IllegalArgumentException("deltaBase must be sent or acked: " + deltaBase);
    }
    if ((tlsCertPath == null) != (tlsKeyPath == null)) {
      throw new IllegalArgumentException("tlsCertPath and tlsKeyPath go together");
    }
    allowedOrigins = List.copyOf(allowedOrigins);
    requireRange("maxConnectionsPerIp", maxConnectionsPerIp, 1, 1_000_000);
    requireRange("handshakesPerSecondPerIp", handshakesPerSecondPerIp, 1, 1_000_000);
    requireRange("matchmakesPerSecondPerIp", matchmakesPerSecondPerIp, 1, 1_000_000);
    requireRange("maxUnclaimedSeatsPerIp", maxUnclaimedSeatsPerIp, 1, 1_000_000);
    requireRange("maxRooms", maxRooms, 1, 1_000_000);
    requireRange("inputsPerSecond", inputsPerSecond, 1, 10_000);
    requireRange("inputBurst", inputBurst, 1, 10_000);
    requireRange("idleTimeoutMs", idleTimeoutMs, 1000, 3_600_000);
    requireRange("httpHeaderTimeoutMs", httpHeaderTimeoutMs, 100, 600_000);
    requireRange("httpIdleTimeoutMs", httpIdleTimeoutMs, 100, 3_600_000);
    requireRange("maxHttpConnectionsPerIp", maxHttpConnectionsPerIp, 1, 1_000_000);
    trustedProxies = List.copyOf(trustedProxies);
    if (!forwardedHeaders.equals("x-forwarded") && !forwardedHeaders.equals("forwarded")) {
      throw new IllegalArgumentException(
          "forwardedHeaders must be x-forwarded or forwarded: " + forwardedHeaders);
    }
    if (publicUrl != null) {
      requirePublicUrl(publicUrl);
    }
    // 0 leaves the kernel's autotuning (up to megabytes per socket behind a slow reader).
    if (socketSendBufferBytes != 0) {
      requireRange("socketSendBufferBytes", socketSendBufferBytes, 4096, 16 << 20);
    }
    if (!Transports.SETTINGS.contains(transport)) {
      throw new IllegalArgumentException(
          "transport must be one of " + Transports.SETTINGS + ": " + transport);
    }
    if (!TLS_ENGINES.contains(tlsEngine)) {
      throw new IllegalArgumentException(
          "tlsEngine must be one of " + TLS_ENGINES + ": " + tlsEngine);
    }
    requireRange("clusterPort", clusterPort, 0, 65535);
    clusterMembers = List.copyOf(clusterMembers);
    requireRange("checkpointIntervalMs", checkpointIntervalMs, 50, 600_000);
    requireRange("drainTimeoutMs", drainTimeoutMs, 0, 600_000);
    record = List.copyOf(record);
    if (record.size() > 1 && (record.contains("none") || record.contains("all"))) {
      throw new IllegalArgumentException("record is none, all, or a list of games: " + record);
    }
    if (recordDir.isBlank()) {
      throw new IllegalArgumentException("recordDir must not be blank");
    }
    requireRange("recordMaxBytesPerMatch", recordMaxBytesPerMatch, 65_536, 1L << 40);
    requireRange("recordMaxTotalBytes", recordMaxTotalBytes, 65_536, 1L << 50);
    requireRange("recordKeyframeSeconds", recordKeyframeSeconds, 1, 600);
    requireRange("spectatorMaxDelaySeconds", spectatorMaxDelaySeconds, 0, 3600);
    requireRange("maxDelayedSpectatorsPerRoom", maxDelayedSpectatorsPerRoom, 0, 10_000);
  }

  /** Whether rooms of {@code game} are recorded ({@code record}: none, all, or game names). */
  public boolean records(String game) {
    return record.contains("all") || record.contains(game.toLowerCase());
  }

  /**
   * How many ticks back lag compensation may judge an input: {@code maxRewindMs} in whole
   * ticks, rounded down (never more than the setting allows).
   */
  public int rewindTicks() {
    return maxRewindMs * tickRate / 1000;
  }

  /** The {@code tlsEngine} setting's values: OpenSSL (BoringSSL) or the JDK's engine. */
  public static final List<String> TLS_ENGINES = List.of("auto", "openssl", "jdk");

  /** Ticks between two snapshots sent to a client. */
  public int ticksPerSend() {
    return tickRate / sendRate;
  }

  public boolean tlsEnabled() {
    return tlsPort >= 0;
  }

  /** scheme://host[:port], nothing else: every URL handed out is built on it. */
  private static void requirePublicUrl(String url) {
    java.net.URI u;
    try {
      u = new java.net.URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("publicUrl is not a URL: " + url);
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme();
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null
        || u.getRawUserInfo() != null || !(path.isEmpty() || path.equals("/"))
        || u.getRawQuery() != null || u.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "publicUrl must be http(s)://host[:port] with no path: " + url);
    }
  }

  private static void requireRange(String name, long v, long min, long max) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ": " + v);
    }
  }
}
