package dev.tickstream;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.GameSession;
import dev.tickstream.client.TickstreamClient;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The start-up line of {@code serve} in its own JVM names the transport and the TLS engine, and
 * why a requested one fell back: Netty's own switches turn the natives off
 * ({@code -Dio.netty.transport.noNative}, {@code -Dio.netty.handler.ssl.noOpenSsl}) as an old
 * kernel, a seccomp filter or a missing library would, and the node still serves.
 */
class StartLineTest {
  private static final Pattern TLS_PORT = Pattern.compile(" https://[^:/]+:(\\d+)/");

  @Test
  void aRequestedNativeThatDoesNotLoadFallsBackAndTheLineSaysWhy() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m",
        "-Dio.netty.transport.noNative=true", "-Dio.netty.handler.ssl.noOpenSsl=true",
        "-cp", System.getProperty("java.class.path"), "dev.tickstream.cli.Main", "serve")
        .redirectErrorStream(true);
    pb.environment().putAll(Map.of("HOST", "127.0.0.1", "PORT", "0",
        "TLS_PORT", "0", "ROOM_THREADS", "1", "TRANSPORT", "io_uring",
        "TLS_ENGINE", "openssl"));
    Process p = pb.start();
    List<String> output = new ArrayList<>();
    try {
      CompletableFuture<String> serving = new CompletableFuture<>();
      Thread pump = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          for (String l = in.readLine(); l != null; l = in.readLine()) {
            synchronized (output) {
              output.add(l);
            }
            if (l.contains(" serving http://")) {
              serving.complete(l);
            }
          }
          serving.completeExceptionally(new AssertionError("serve exited: " + output));
        } catch (Exception e) {
          serving.completeExceptionally(e);
        }
      });
      pump.setDaemon(true);
      pump.start();
      String line = serving.get(60, TimeUnit.SECONDS);
      assertTrue(line.contains(" | transport nio (io_uring unavailable: Native transport was"
          + " explicit disabled with -Dio.netty.transport.noNative=true; epoll unavailable: "),
          line);
      assertTrue(line.contains(" | TLS jdk (openssl unavailable: OpenSSL was explicit disabled"
          + " with -Dio.netty.handler.ssl.noOpenSsl=true) | "), line);

      // The fallback is clean: the node plays over wss as it would on its first choice.
      Matcher m = TLS_PORT.matcher(line);
      assertTrue(m.find(), line);
      Vertx vertx = Vertx.vertx();
      try (TickstreamClient client = new TickstreamClient(vertx,
          ClientOptions.defaults().withTrustAll())) {
        GameSession s = TestServers.await(
            client.join("https://localhost:" + m.group(1), "p", "player"));
        assertTrue(s.welcome().getEntityId() > 0);
        TestServers.await(s.close());
      } finally {
        vertx.close().await(30, TimeUnit.SECONDS);
      }
    } finally {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
