package dev.tickstream.gateway;

import dev.tickstream.proto.arena.v1.ArenaInput;
import dev.tickstream.TestServers;
import dev.tickstream.proto.v1.ClientMessage;
import dev.tickstream.proto.v1.Input;
import dev.tickstream.proto.v1.Join;
import dev.tickstream.proto.v1.ServerMessage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A raw WebSocket to the gateway that can misbehave: it sends what a test tells it and records
 * every server message it receives and how the server closed it.
 */
public final class RawClient {
  public final WebSocket ws;
  public final List<ServerMessage> received = new CopyOnWriteArrayList<>();
  private final Promise<Void> closed = Promise.promise();

  private RawClient(WebSocket ws) {
    this.ws = ws;
    ws.binaryMessageHandler(b -> {
      try {
        received.add(ServerMessage.parseFrom(b.getBytes()));
      } catch (Exception e) {
        received.add(ServerMessage.getDefaultInstance());
      }
    });
    ws.closeHandler(v -> closed.tryComplete());
  }

  /** The options to open {@code url} (a matchmade ws:// URL) with the game's subprotocol. */
  public static WebSocketConnectOptions options(String url) {
    URI uri = URI.create(url);
    return new WebSocketConnectOptions().setHost(uri.getHost()).setPort(uri.getPort())
        .setURI(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))
        .addSubProtocol(HttpGateway.SUBPROTOCOL)
        .setAllowOriginHeader(false); // not a browser; tests that need an Origin set one
  }

  public static RawClient connect(WebSocketClient client, String url) {
    return connect(client, options(url));
  }

  public static RawClient connect(WebSocketClient client, WebSocketConnectOptions options) {
    return new RawClient(TestServers.await(client.connect(options)));
  }

  /** Connects to {@code url}, joins as {@code name} and waits for the Welcome. */
  public static RawClient joined(WebSocketClient client, String url, String name) {
    RawClient c = connect(client, url).join(name);
    c.awaitWelcome();
    return c;
  }

  /** The HTTP status the handshake was refused with, or 101 when it was accepted. */
  public static int handshakeStatus(WebSocketClient client, WebSocketConnectOptions options) {
    Future<WebSocket> f = client.connect(options);
    try {
      WebSocket ws = f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      ws.close();
      return 101;
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof UpgradeRejectedException r) {
        return r.getStatus();
      }
      throw new AssertionError(e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  public RawClient send(ClientMessage m) {
    ws.writeBinaryMessage(Buffer.buffer(m.toByteArray()));
    return this;
  }

  public RawClient join(String name) {
    return send(ClientMessage.newBuilder().setJoin(Join.newBuilder().setName(name)).build());
  }

  public static ClientMessage input(int seq, int moveX) {
    return ClientMessage.newBuilder().setInput(Input.newBuilder().setSeq(seq)
        .setData(ArenaInput.newBuilder().setMoveX(moveX).build().toByteString())).build();
  }

  /** Waits (bounded) for the server to close the socket; fails the test if it never does. */
  public RawClient awaitClose() {
    try {
      closed.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("not closed after 30 s; received " + received.size()
          + " messages", e);
    }
    return this;
  }

  public boolean isClosed() {
    return ws.isClosed();
  }

  public int closeCode() {
    try {
      Short code = ws.closeStatusCode();
      return code == null ? -1 : code;
    } catch (NullPointerException notClosedYet) {
      return -1; // Vert.x 5.0.8 unboxes a null status while the socket is open
    }
  }

  public String closeReason() {
    return ws.closeReason();
  }

  /** The Welcome the server sent, or null. */
  public dev.tickstream.proto.v1.Welcome welcome() {
    return received.stream().filter(ServerMessage::hasWelcome).map(ServerMessage::getWelcome)
        .findFirst().orElse(null);
  }

  /** Waits (bounded) until the server has sent a Welcome and returns it. */
  public dev.tickstream.proto.v1.Welcome awaitWelcome() {
    for (int i = 0; i < 400 && welcome() == null && !ws.isClosed(); i++) {
      Bystander.sleep(25);
    }
    if (welcome() == null) {
      throw new AssertionError("no welcome; closed " + closeCode() + " " + closeReason());
    }
    return welcome();
  }
}
