package dev.tickstream.config;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * The socket transport a Vert.x instance runs on. Linux's native epoll transport (bundled for
 * x86_64 and aarch64) makes fewer system calls and less garbage per socket than NIO, which is
 * most of a game server's CPU (README "Transport"); Vert.x falls back to NIO where it does not
 * load, and {@code nativeTransport=false} asks for NIO.
 */
public final class Transports {
  private Transports() {}

  public static VertxOptions options(boolean preferNative) {
    return new VertxOptions().setPreferNativeTransport(preferNative);
  }

  /** "native" or "nio" (with why native is not in use), for the start-up line and reports. */
  public static String describe(Vertx vertx, boolean preferNative) {
    if (vertx.isNativeTransportEnabled()) {
      return "native";
    }
    if (!preferNative) {
      return "nio";
    }
    Throwable why = vertx.unavailableNativeTransportCause();
    return "nio (native unavailable: " + (why == null ? "unknown" : why.getMessage()) + ")";
  }
}
