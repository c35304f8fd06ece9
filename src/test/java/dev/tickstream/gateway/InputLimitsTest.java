package dev.tickstream.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.TestServers;
import dev.tickstream.TickstreamServer;
import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.TickstreamClient;
import dev.tickstream.proto.v1.ServerMessage;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Limits on what a joined session sends: the input token bucket (excess dropped and counted,
 * persistent abuse closed with 1008) and the idle timeout (1008). A bystander in the same room
 * receives every snapshot throughout.
 */
class InputLimitsTest {
  static Vertx vertx;
  static TickstreamServer server;
  static TickstreamClient client;
  static WebSocketClient raw;
  static Bystander bystander;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = TestServers.start(vertx, "INPUTS_PER_SECOND", "40", "INPUT_BURST", "20",
        "IDLE_TIMEOUT_MS", "1500");
    client = new TickstreamClient(vertx, ClientOptions.defaults());
    raw = vertx.createWebSocketClient(new WebSocketClientOptions());
    bystander = Bystander.join(client, server);
  }

  @AfterAll
  static void stop() {
    bystander.assertKeptEveryTick(20);
    client.close();
    TestServers.await(vertx.close());
  }

  RawClient joined() {
    return RawClient.joined(raw, bystander.seatUrl(), "x");
  }

  static int lastInputSeq(RawClient c) {
    int seq = 0;
    for (ServerMessage m : c.received) {
      if (m.hasSnapshot()) {
        seq = Math.max(seq, m.getSnapshot().getLastInputSeq());
      }
    }
    return seq;
  }

  @Test
  void aBurstBeyondTheBucketIsDroppedAndCountedButNotClosed() {
    RawClient c = joined();
    long before = server.metrics().rateLimitedInputs();
    // 40 inputs at once: the bucket holds 20, so the newest ones cannot all pass.
    for (int seq = 1; seq <= 40; seq++) {
      c.send(RawClient.input(seq, 10));
    }
    // Then one input after a pause that refilled the bucket: it must be applied.
    Bystander.sleep(600);
    c.send(RawClient.input(1000, 0));
    for (int i = 0; i < 200 && lastInputSeq(c) != 1000 && !c.isClosed(); i++) {
      Bystander.sleep(25);
    }
    assertFalse(c.isClosed(), "closed: " + c.closeCode() + " " + c.closeReason());
    assertEquals(1000, lastInputSeq(c), "the session still plays after its burst was cut");
    assertTrue(server.metrics().rateLimitedInputs() - before >= 1, "dropped inputs counted");
    for (ServerMessage m : c.received) {
      if (m.hasSnapshot() && m.getSnapshot().getLastInputSeq() != 1000) {
        assertTrue(m.getSnapshot().getLastInputSeq() < 40, "input 40 never passed the bucket");
      }
    }
    c.ws.close();
  }

  @Test
  void aPersistentFloodIsClosed1008() {
    RawClient c = joined();
    // Ten times the allowed rate until the server closes (bounded: 10 s of flooding).
    int seq = 1;
    for (int round = 0; round < 200 && !c.isClosed(); round++) {
      for (int i = 0; i < 20; i++) {
        c.send(RawClient.input(seq++, 5));
      }
      Bystander.sleep(50);
    }
    c.awaitClose();
    assertEquals(1008, c.closeCode(), c.closeReason());
    assertTrue(c.closeReason().contains("input rate"), c.closeReason());
    assertTrue(c.received.stream().anyMatch(m -> m.hasClosing()
        && m.getClosing().getCode() == 1008), "a Closing message came before the close");
    assertTrue(server.metrics().limitHits().getOrDefault("input_abuse", 0L) >= 1);
  }

  @Test
  void aSilentSessionIsClosed1008AfterTheIdleTimeout() {
    RawClient c = joined();
    c.awaitClose();
    assertEquals(1008, c.closeCode(), c.closeReason());
    assertTrue(c.closeReason().startsWith("idle"), c.closeReason());
    assertTrue(server.metrics().limitHits().getOrDefault("idle", 0L) >= 1);
  }
}
