package dev.tickstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.GameSession;
import dev.tickstream.client.SeatGrant;
import dev.tickstream.client.TickstreamClient;
import dev.tickstream.proto.arena.v1.ArenaInput;
import dev.tickstream.proto.v1.ClientMessage;
import dev.tickstream.proto.v1.Input;
import dev.tickstream.proto.v1.Join;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Each kind of bad input closes only its own connection, with its RFC 6455 code and a reason,
 * while a well-behaved player in the same room receives a snapshot at every tick.
 */
class CloseCodesTest {
  static Vertx vertx;
  static TickstreamServer server;
  static TickstreamClient client;
  static WebSocketClient raw;
  static GameSession bystander;
  static final List<Integer> bystanderTicks = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = TestServers.start(vertx, "MAX_FRAME_BYTES", "1024", "JOIN_TIMEOUT_MS", "1000");
    client = new TickstreamClient(vertx, ClientOptions.defaults());
    raw = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1 << 20));
    bystander = TestServers.await(client.join(TestServers.http(server), "steady", "player"));
    bystander.snapshotHandler(s -> bystanderTicks.add(s.getTick()));
  }

  @AfterAll
  static void stop() {
    // The bystander never missed a tick while the others were thrown out.
    int first = bystanderTicks.get(0);
    for (int i = 0; i < bystanderTicks.size(); i++) {
      assertEquals(first + i, bystanderTicks.get(i), "bystander's snapshot ticks are contiguous");
    }
    assertTrue(bystanderTicks.size() > 20);
    assertTrue(!bystander.socket().isClosed());
    client.close();
    TestServers.await(vertx.close());
  }

  @Test
  void garbageBytesClose1007() {
    assertClose(1007, "not a valid ClientMessage",
        ws -> ws.writeBinaryMessage(Buffer.buffer(new byte[] {(byte) 0xff, (byte) 0xff, 1, 2})));
  }

  @Test
  void emptyMessageClose1007() {
    assertClose(1007, "unknown message type", ws -> ws.writeBinaryMessage(Buffer.buffer()));
  }

  @Test
  void oversizedFrameClose1009() {
    assertClose(1009, "exceeds the limit", ws -> ws.writeBinaryMessage(Buffer.buffer(new byte[2000])));
  }

  @Test
  void frameUnderTheTransportBackstopClose1009() {
    assertClose(1009, "exceeds the limit",
        ws -> ws.writeBinaryMessage(Buffer.buffer(new byte[60_000])));
  }

  @RepeatedTest(3)
  void frameOverTheTransportBackstopClose1009() {
    // Over 64 KiB the transport refuses to buffer the frame: it discards the rest while the
    // close frame goes out, so the client reads 1009 and a reason, not a reset (1006).
    assertClose(1009, "exceeds",
        ws -> ws.writeFrame(WebSocketFrame.binaryFrame(Buffer.buffer(new byte[4 << 20]), true)));
  }

  @Test
  void fragmentedMessageOverTheBackstopClose1009() {
    // Frames each under every limit, adding up past the transport's 64 KiB message backstop:
    // Vert.x drops such a message and only reports it, so the gateway closes it itself.
    assertClose(1009, "exceeds the limit", ws -> {
      ws.writeFrame(WebSocketFrame.binaryFrame(Buffer.buffer(new byte[1000]), false));
      for (int i = 0; i < 70; i++) {
        ws.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(new byte[1000]), i == 69));
      }
    });
  }

  @Test
  void textFrameClose1003() {
    assertClose(1003, "text frames", ws -> ws.writeTextMessage("{\"join\":{}}"));
  }

  @Test
  void inputBeforeJoinClose1008() {
    assertClose(1008, "join first", ws -> ws.writeBinaryMessage(input(1, 0)));
  }

  @Test
  void secondJoinClose1008() {
    assertClose(1008, "already joined", ws -> {
      ws.writeBinaryMessage(join());
      ws.writeBinaryMessage(join());
    });
  }

  @Test
  void inputOutOfRangeClose1007() {
    assertClose(1007, "out of range", ws -> {
      ws.writeBinaryMessage(join());
      ws.writeBinaryMessage(input(1, 500));
    });
  }

  @Test
  void aimOverTwoToThe31Close1007() {
    // aim is a uint32 on the wire: 2^31 and above read as a negative int in Java, which once
    // passed the range check and reached the game (where PlayerInput throws, in the tick).
    assertClose(1007, "out of range", ws -> {
      ws.writeBinaryMessage(join());
      ws.writeBinaryMessage(Buffer.buffer(ClientMessage.newBuilder().setInput(
          Input.newBuilder().setSeq(1).setData(ArenaInput.newBuilder().setAim(0x80000000)
              .build().toByteString())).build().toByteArray()));
    });
  }

  @Test
  void silenceAfterConnectClose1008() {
    assertClose(1008, "no join", ws -> { });
  }

  private int closeCode(Consumer<WebSocket> misbehave) {
    return closeOf(misbehave).closeStatusCode();
  }

  private void assertClose(int code, String reasonPart, Consumer<WebSocket> misbehave) {
    WebSocket ws = closeOf(misbehave);
    assertEquals(code, (int) ws.closeStatusCode(), "close code, reason: " + ws.closeReason());
    if (reasonPart != null) {
      assertTrue(ws.closeReason() != null && ws.closeReason().contains(reasonPart),
          "reason '" + ws.closeReason() + "' mentions '" + reasonPart + "'");
    }
  }

  private WebSocket closeOf(Consumer<WebSocket> misbehave) {
    SeatGrant g = TestServers.await(client.matchmake(TestServers.http(server), "bad", "player",
        bystander.welcome().getRoomId()));
    URI uri = URI.create(g.url());
    WebSocket ws = TestServers.await(raw.connect(new WebSocketConnectOptions()
        .setHost(uri.getHost()).setPort(uri.getPort())
        .setURI(uri.getRawPath() + "?" + uri.getRawQuery()).addSubProtocol("tickstream.v1")));
    Promise<Void> closed = Promise.promise();
    ws.binaryMessageHandler(b -> { });
    ws.closeHandler(v -> closed.tryComplete());
    java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    ws.frameHandler(f -> seen.add(f.type() + "/" + f.binaryData().length()));
    misbehave.accept(ws);
    try {
      closed.future().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no close after 20 s; client saw frames " + seen + ", closed="
          + ws.isClosed() + ", server closes " + server.metrics().closesByCode(), e);
    }
    return ws;
  }

  private static Buffer join() {
    return Buffer.buffer(ClientMessage.newBuilder().setJoin(Join.newBuilder().setName("x"))
        .build().toByteArray());
  }

  private static Buffer input(int seq, int moveX) {
    return Buffer.buffer(ClientMessage.newBuilder()
        .setInput(Input.newBuilder().setSeq(seq).setData(ArenaInput.newBuilder().setMoveX(moveX)
            .build().toByteString())).build().toByteArray());
  }

}
