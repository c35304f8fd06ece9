package dev.tickstream.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.TestServers;
import dev.tickstream.TickstreamServer;
import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.TickstreamClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * permessage-deflate: off by default (not negotiated even when a client offers it); when
 * turned on, a decompression bomb (a small compressed frame inflating far past maxFrameBytes)
 * is closed with 1009 while a bystander in the same room keeps every tick.
 */
class DeflateTest {
  static Vertx vertx;
  static TickstreamServer plain;
  static TickstreamServer deflate;
  static TickstreamClient client;
  static WebSocketClient compressing;
  static Bystander bystander;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    plain = TestServers.start(vertx);
    deflate = TestServers.start(vertx, "PERMESSAGE_DEFLATE", "true", "MAX_FRAME_BYTES", "1024");
    client = new TickstreamClient(vertx, ClientOptions.defaults());
    // Offers permessage-deflate and sends a whole message as one (compressed) frame.
    compressing = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setTryUsePerMessageCompression(true).setMaxFrameSize(64 << 20)
        .setMaxMessageSize(64 << 20));
    bystander = Bystander.join(client, deflate);
  }

  @AfterAll
  static void stop() {
    bystander.assertKeptEveryTick(20);
    client.close();
    TestServers.await(vertx.close());
  }

  /** A joined player on the deflate server, in the bystander's room. */
  RawClient joined() {
    return RawClient.joined(compressing, bystander.seatUrl(), "x");
  }

  @Test
  void compressionIsNotNegotiatedByDefault() {
    String url = TestServers.await(client.matchmake(TestServers.http(plain), "x", "player",
        null)).url();
    RawClient c = RawClient.joined(compressing, url, "x");
    assertNull(c.ws.headers().get("Sec-WebSocket-Extensions"), "no extension accepted");
    c.ws.close();
  }

  @Test
  void compressionIsNegotiatedWhenTurnedOn() {
    RawClient c = joined();
    String ext = c.ws.headers().get("Sec-WebSocket-Extensions");
    assertTrue(ext != null && ext.contains("permessage-deflate"), "extensions: " + ext);
    c.ws.close();
  }

  @Test
  void aBombInflatingPastTheLimitIsClosed1009() {
    RawClient c = joined();
    // 512 KiB of zeros deflate to about 500 bytes: under the compressed backstop, 512 times
    // over maxFrameBytes once inflated.
    c.ws.writeBinaryMessage(Buffer.buffer(new byte[512 * 1024]));
    c.awaitClose();
    assertEquals(1009, c.closeCode(), c.closeReason());
    assertTrue(deflate.metrics().closesByCode().getOrDefault(1009, 0L) >= 1
        || c.closeReason() != null, "closed by the server");
  }

  @Test
  void aBombOverTheCompressedBackstopIsCutOff1009() {
    RawClient c = joined();
    // 32 MiB of zeros deflate to about 32 KB: over the compressed frame backstop.
    c.ws.writeBinaryMessage(Buffer.buffer(new byte[32 << 20]));
    c.awaitClose();
    int code = c.closeCode();
    assertTrue(code == 1009 || code == 1006, "closed with " + code + " " + c.closeReason());
  }
}
