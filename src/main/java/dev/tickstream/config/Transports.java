package dev.tickstream.config;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The socket transport a Vert.x instance runs on, chosen by the {@code transport} setting:
 * {@code io_uring} (Linux 5.14+ where seccomp allows it; opt-in, see choose), {@code epoll}
 * (Linux), {@code nio} (anywhere), or {@code auto}: epoll where it loads, else NIO. The natives
 * are bundled for Linux x86_64 and aarch64. A choice that does not load falls back down the list
 * io_uring, epoll, nio, and the description (start-up line, load-test report,
 * {@code tickstream_node_info}) says which one runs and why the others do not.
 */
public final class Transports {
  /** The {@code transport} setting's values. */
  public static final List<String> SETTINGS = List.of("auto", "io_uring", "epoll", "nio");

  // Vert.x does not say which native transport an instance runs on without its internal API:
  // the instances made here remember it.
  private static final Map<Vertx, String> MADE =
      Collections.synchronizedMap(new WeakHashMap<>());

  private Transports() {}

  /**
   * A resolved choice: the transport to build Vert.x with (always one that loads) and the
   * description, e.g. {@code "epoll (io_uring unavailable: ...)"}.
   */
  public record Choice(Transport transport, String description) {
    /** The transport's name: {@code io_uring}, {@code epoll} or {@code nio}. */
    public String name() {
      return transport.name();
    }
  }

  /** Resolves {@code setting} (one of {@link #SETTINGS}) against what loads in this JVM. */
  public static Choice choose(String setting) {
    return choose(setting, Transport.IO_URING, Transport.EPOLL);
  }

  /** As {@link #choose(String)} with the native transports given (null: not on the path). */
  static Choice choose(String setting, Transport ioUring, Transport epoll) {
    // Vert.x leaves a transport null when its classes are missing from the class path.
    List<Map.Entry<String, Transport>> order = new ArrayList<>();
    switch (setting) {
      case "io_uring" -> {
        order.add(new SimpleEntry<>("io_uring", ioUring));
        order.add(new SimpleEntry<>("epoll", epoll));
      }
      // auto is epoll, not io_uring: the io_uring of the Netty Vert.x 5.0.8 brings (4.2.10) has
      // write-path bugs fixed only in later Netty (an event loop dies on an AssertionError with
      // -ea under dozens of connections here; docs/BENCHMARKS.md "Transport and TLS").
      case "auto", "epoll" -> order.add(new SimpleEntry<>("epoll", epoll));
      case "nio" -> { }
      default -> throw new IllegalArgumentException(
          "transport must be one of " + SETTINGS + ": " + setting);
    }
    List<String> why = new ArrayList<>();
    for (Map.Entry<String, Transport> e : order) {
      Transport t = e.getValue();
      if (t == null) {
        why.add(e.getKey() + " not on the class path");
      } else if (t.available()) {
        return new Choice(t, describe(t.name(), why));
      } else {
        why.add(t.name() + " unavailable: " + reason(t.unavailabilityCause()));
      }
    }
    return new Choice(Transport.NIO, describe("nio", why));
  }

  private static String describe(String name, List<String> why) {
    return why.isEmpty() ? name : name + " (" + String.join("; ", why) + ")";
  }

  /** A throwable's message, bounded: it goes on one log line. */
  public static String reason(Throwable t) {
    if (t == null) {
      return "unknown";
    }
    String m = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    m = m.replaceAll("\\s+", " ").trim();
    return m.length() > 160 ? m.substring(0, 157) + "..." : m;
  }

  /** A builder of a Vert.x instance on {@code choice}'s transport with {@code options}. */
  public static VertxBuilder builder(Choice choice, VertxOptions options) {
    return Vertx.builder().with(options).withTransport(choice.transport());
  }

  /** A Vert.x instance on the transport {@code setting} resolves to, with {@code options}. */
  public static Vertx vertx(String setting, VertxOptions options) {
    Choice c = choose(setting);
    return remember(builder(c, options).build(), c);
  }

  /** As {@link #vertx(String, VertxOptions)}, clustered. */
  public static Future<Vertx> clustered(Choice choice, VertxBuilder builder) {
    return builder.buildClustered().map(v -> remember(v, choice));
  }

  private static Vertx remember(Vertx v, Choice c) {
    MADE.put(v, c.description());
    return v;
  }

  /**
   * The transport {@code vertx} runs on, as made by this class; for another instance
   * {@code "native"} or {@code "nio"} (Vert.x's own default choice, not recorded).
   */
  public static String describe(Vertx vertx) {
    String d = MADE.get(vertx);
    if (d != null) {
      return d;
    }
    return vertx.isNativeTransportEnabled() ? "native" : "nio";
  }

  /** The transport's name alone ({@code io_uring}, {@code epoll}, {@code nio}, ...). */
  public static String name(Vertx vertx) {
    String d = describe(vertx);
    int space = d.indexOf(' ');
    return space < 0 ? d : d.substring(0, space);
  }
}
