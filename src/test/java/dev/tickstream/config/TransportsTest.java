package dev.tickstream.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport choice and its fallbacks. A native transport that does not load cannot be
 * produced inside this JVM once Netty has loaded it, so the chain is checked with stand-ins for
 * unavailable transports (the real thing, forced with -Dio.netty.transport.noNative in a child
 * JVM: {@code StartLineTest}).
 */
class TransportsTest {
  @TempDir
  Path dir;

  /** A transport that does not load, for what is not reproducible in this JVM. */
  record Unavailable(String name, Throwable unavailabilityCause) implements Transport {
    @Override
    public boolean available() {
      return false;
    }

    @Override
    public io.vertx.core.spi.transport.Transport implementation() {
      throw new AssertionError("an unavailable transport is never built on");
    }
  }

  static final Transport NO_URING = new Unavailable("io_uring",
      new UnsupportedOperationException("io_uring disabled by seccomp"));
  static final Transport NO_EPOLL = new Unavailable("epoll", new UnsatisfiedLinkError(
      "no netty_transport_native_epoll_x86_64\n in java.library.path"));

  @Test
  void nioIsNioAndNamesNoFallback() {
    Transports.Choice c = Transports.choose("nio", NO_URING, NO_EPOLL);
    assertEquals(Transport.NIO, c.transport());
    assertEquals("nio", c.description());
  }

  @Test
  void ioUringFallsBackToEpollThenNioWithEachReason() {
    Transport epoll = Transport.EPOLL;
    Assumptions.assumeTrue(epoll != null && epoll.available(), "epoll loads here");
    Transports.Choice toEpoll = Transports.choose("io_uring", NO_URING, epoll);
    assertEquals(epoll, toEpoll.transport());
    assertEquals("epoll (io_uring unavailable: io_uring disabled by seccomp)",
        toEpoll.description());

    Transports.Choice toNio = Transports.choose("io_uring", NO_URING, NO_EPOLL);
    assertEquals(Transport.NIO, toNio.transport());
    assertEquals("nio (io_uring unavailable: io_uring disabled by seccomp;"
        + " epoll unavailable: no netty_transport_native_epoll_x86_64 in java.library.path)",
        toNio.description(), "one line: the reason's line break is a space");
    assertEquals("nio (epoll unavailable: no netty_transport_native_epoll_x86_64 in"
        + " java.library.path)", Transports.choose("epoll", NO_URING, NO_EPOLL).description());
  }

  @Test
  void autoIsEpollElseNioAndMissingClassesAreNamed() {
    assertEquals("nio (io_uring not on the class path; epoll not on the class path)",
        Transports.choose("io_uring", null, null).description());
    assertEquals("nio (epoll unavailable: no netty_transport_native_epoll_x86_64 in"
        + " java.library.path)", Transports.choose("auto", null, NO_EPOLL).description());
    Assumptions.assumeTrue(Transport.EPOLL != null && Transport.EPOLL.available());
    assertEquals("epoll", Transports.choose("auto", Transport.IO_URING, Transport.EPOLL)
        .description(), "io_uring is opt-in");
    assertEquals(Transport.NIO, Transports.choose("epoll", NO_URING, null).transport());
  }

  @Test
  void aLongReasonIsCut() {
    Transport noisy = new Unavailable("io_uring", new RuntimeException("x".repeat(1000)));
    String d = Transports.choose("io_uring", noisy, NO_EPOLL).description();
    assertTrue(d.length() < 400, d);
    assertEquals("unknown", Transports.reason(null));
  }

  @Test
  void aChoiceThatLoadsHereRunsAndIsNamed() {
    for (String setting : Transports.SETTINGS) {
      Transports.Choice c = Transports.choose(setting);
      Vertx v = Transports.vertx(setting, new VertxOptions().setEventLoopPoolSize(1));
      try {
        assertEquals(c.description(), Transports.describe(v));
        assertEquals(c.name(), Transports.name(v));
        assertEquals(!c.name().equals("nio"), v.isNativeTransportEnabled(), setting);
        if (!setting.equals("auto")) {
          boolean loads = setting.equals("nio")
              || (setting.equals("io_uring") ? Transport.IO_URING : Transport.EPOLL).available();
          assertEquals(loads, c.name().equals(setting), c.description());
        }
      } finally {
        v.close().await();
      }
    }
  }

  @Test
  void unknownValuesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Transports.choose("kqueue"));
    var e = assertThrows(IllegalArgumentException.class,
        () -> ConfigLoader.load(null, Map.of("TRANSPORT", "uring"), new Properties()));
    assertTrue(e.getMessage().contains("transport must be one of"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ConfigLoader.load(null, Map.of("TLS_ENGINE", "boring"), new Properties()));
    assertTrue(e.getMessage().contains("tlsEngine must be one of"), e.getMessage());
  }

  @Test
  void settingsLoadWithTheirDefaults() {
    TickstreamConfig d = ConfigLoader.load(null, Map.of(), new Properties());
    assertEquals("auto", d.transport());
    assertEquals("auto", d.tlsEngine());
    Properties p = new Properties();
    p.setProperty("tickstream.tlsEngine", "JDK");
    TickstreamConfig c = ConfigLoader.load(null, Map.of("TRANSPORT", " Epoll "), p);
    assertEquals("epoll", c.transport());
    assertEquals("jdk", c.tlsEngine());
  }

  @Test
  void theReplacedNativeTransportSettingIsRefusedWithWhatToSetInstead() throws Exception {
    var e = assertThrows(IllegalArgumentException.class,
        () -> ConfigLoader.load(null, Map.of("NATIVE_TRANSPORT", "false"), new Properties()));
    assertTrue(e.getMessage().contains("NATIVE_TRANSPORT was replaced by transport"),
        e.getMessage());
    assertTrue(e.getMessage().contains("nativeTransport=false is transport=nio"), e.getMessage());
    Properties p = new Properties();
    p.setProperty("tickstream.nativeTransport", "true");
    assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(null, Map.of(), p));
    Path file = dir.resolve("old.json");
    Files.writeString(file, "{\"nativeTransport\": false}");
    e = assertThrows(IllegalArgumentException.class,
        () -> ConfigLoader.load(file.toString(), Map.of(), new Properties()));
    assertTrue(e.getMessage().startsWith("'nativeTransport' in "), e.getMessage());
  }
}
