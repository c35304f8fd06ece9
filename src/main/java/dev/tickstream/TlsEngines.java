package dev.tickstream;

import dev.tickstream.config.Transports;
import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;

/**
 * The TLS engine of the {@code wss}/{@code https} port, chosen by the {@code tlsEngine} setting:
 * {@code openssl} (BoringSSL through netty-tcnative, bundled for Linux x86_64 and aarch64;
 * cheaper per byte and per handshake than the JDK's), {@code jdk}, or {@code auto}, OpenSSL
 * where it loads. OpenSSL that does not load falls back to the JDK's engine, and the
 * description (start-up line, {@code tickstream_node_info}) says why.
 */
final class TlsEngines {
  private TlsEngines() {}

  /** The engine's options for the server, its name ({@code openssl}/{@code jdk}), and why. */
  record Choice(SSLEngineOptions options, String name, String description) {}

  static Choice choose(String setting) {
    boolean available = OpenSSLEngineOptions.isAvailable();
    return choose(setting, available, available ? OpenSsl.versionString()
        : Transports.reason(OpenSsl.unavailabilityCause()));
  }

  /** {@code detail}: the OpenSSL version when it loads, why not otherwise. */
  static Choice choose(String setting, boolean opensslAvailable, String detail) {
    return switch (setting) {
      case "jdk" -> jdk("jdk");
      case "auto", "openssl" -> opensslAvailable
          ? new Choice(new OpenSSLEngineOptions(), "openssl", "openssl (" + detail + ")")
          : jdk("jdk (openssl unavailable: " + detail + ")");
      default -> throw new IllegalArgumentException("tlsEngine must be auto, openssl or jdk: "
          + setting);
    };
  }

  private static Choice jdk(String description) {
    return new Choice(new JdkSSLEngineOptions(), "jdk", description);
  }
}
