package dev.tickstream.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.TestServers;
import dev.tickstream.TickstreamServer;
import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.TickstreamClient;
import dev.tickstream.proto.arena.v1.ArenaInput;
import dev.tickstream.proto.v1.ClientMessage;
import dev.tickstream.proto.v1.Input;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading: the server skips it while its write queue is full (so nothing
 * piles up in server memory) and closes it with 1008 after stallTimeoutMs, while a bystander
 * in the same room keeps every tick. Snapshots are made large (a full room of long names and
 * projectiles, never acknowledged by the slow reader) so its socket fills within seconds.
 */
class SlowReaderTest {
  static final int FILLERS = 12;
  // 16 four-byte code points: the longest name a player may have, in bytes.
  static final String LONG_NAME = "\uD83D\uDC22".repeat(16);
  static Vertx vertx;
  static TickstreamServer server;
  static TickstreamClient client;
  static Bystander bystander;
  static final List<RawClient> fillers = new ArrayList<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    // Deltas against the last acknowledged snapshot: the slow reader never acks, so each of
    // its snapshots is a full one and its socket fills within seconds (against the last sent,
    // they stay small and filling it takes minutes).
    server = TestServers.start(vertx, "STALL_TIMEOUT_MS", "1000", "DELTA_BASE", "acked",
        "SOCKET_SEND_BUFFER_BYTES", "8192");
    client = new TickstreamClient(vertx, ClientOptions.defaults());
    bystander = Bystander.join(client, server);
    WebSocketClient raw = vertx.createWebSocketClient(new WebSocketClientOptions());
    for (int i = 0; i < FILLERS; i++) {
      RawClient c = RawClient.connect(raw, bystander.seatUrl()).join(LONG_NAME);
      fillers.add(c);
    }
    // Fillers hold the trigger (projectiles: more entities) and stay active.
    int[] seq = {0};
    vertx.setPeriodic(0, 250, id -> {
      seq[0]++;
      for (RawClient c : fillers) {
        c.send(ClientMessage.newBuilder().setInput(Input.newBuilder().setSeq(seq[0])
            .setData(ArenaInput.newBuilder().setMoveX(seq[0] % 2 == 0 ? 100 : -100)
                .setAim(seq[0] * 997 % 65536).setFire(true).build().toByteString())).build());
      }
    });
  }

  @AfterAll
  static void stop() {
    bystander.assertKeptEveryTick(20);
    client.close();
    TestServers.await(vertx.close());
  }

  @Test
  void aReaderThatStopsIsSkippedThenClosed1008() {
    // A small receive buffer so the kernel holds little on the client's side.
    WebSocketClient small = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setReceiveBufferSize(4096));
    RawClient slow = RawClient.joined(small, bystander.seatUrl(), "slow");
    slow.ws.pause();
    HttpClient http = vertx.createHttpClient();
    // Keep sending (it is not idle), never read; poll the server's counter (bounded: 90 s).
    double stalled = 0;
    for (int i = 1; i <= 900 && stalled < 1; i++) {
      Bystander.sleep(100);
      slow.send(ClientMessage.newBuilder().setInput(Input.newBuilder().setSeq(i)).build());
      stalled = metric(http, "tickstream_clients_stalled_total");
    }
    assertTrue(stalled >= 1, "the slow reader was closed for stalling");
    assertTrue(metric(http, "tickstream_snapshots_skipped_total") >= 1,
        "it was skipped while full, not buffered");
    // Read again: behind the queued snapshots come the Closing message and the close frame.
    slow.ws.resume();
    slow.awaitClose();
    assertEquals(1008, slow.closeCode(), slow.closeReason());
    assertTrue(slow.closeReason().contains("too slow"), slow.closeReason());
    for (RawClient f : fillers) {
      assertTrue(!f.isClosed(), "a filler that reads was not closed: " + f.closeReason());
    }
  }

  /**
   * One counter from /metrics. A scrape that gets no answer within 5 s is asked again (at most
   * three times): on a loaded 2-core machine this test's own client has been seen to wait on
   * one forever, while the server answered the next.
   */
  static double metric(HttpClient http, String name) {
    String body = null;
    for (int attempt = 0; body == null; attempt++) {
      try {
        body = TestServers.await(http.request(new io.vertx.core.http.RequestOptions()
                .setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(server.port())
                .setURI("/metrics").setTimeout(5000))
            .compose(r -> r.send().compose(resp -> resp.body()))).toString();
      } catch (AssertionError e) {
        if (attempt == 2) {
          throw e;
        }
      }
    }
    for (String line : body.split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }
}
