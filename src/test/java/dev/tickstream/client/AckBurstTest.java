package dev.tickstream.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.TestServers;
import dev.tickstream.proto.v1.ClientMessage;
import dev.tickstream.proto.v1.FieldSpec;
import dev.tickstream.proto.v1.FieldType;
import dev.tickstream.proto.v1.GameSchema;
import dev.tickstream.proto.v1.Role;
import dev.tickstream.proto.v1.ServerMessage;
import dev.tickstream.proto.v1.Snapshot;
import dev.tickstream.proto.v1.Welcome;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A client that applies a backlog of snapshots at once (it was starved, or the network held
 * them) must not answer each with an ack: acks take the session's message tokens, and a burst
 * of them got bots closed for the input rate (1008) on a loaded machine. With a server that
 * asks for acknowledgements (Welcome.ack_interval_ms) the newest state is still acknowledged.
 */
class AckBurstTest {

  @Test
  void aBacklogOfSnapshotsIsNotAnsweredByABurstOfAcks() throws Exception {
    Vertx vertx = Vertx.vertx();
    AtomicInteger acks = new AtomicInteger();
    HttpServer server = vertx.createHttpServer(new HttpServerOptions()
            .setWebSocketSubProtocols(List.of(GameSession.SUBPROTOCOL)))
        .webSocketHandler(ws -> ws.binaryMessageHandler(frame -> {
          try {
            ClientMessage m = ClientMessage.parseFrom(frame.getBytes());
            if (m.hasAck()) {
              acks.incrementAndGet();
            }
            if (m.hasJoin()) {
              send(ws, ServerMessage.newBuilder().setWelcome(Welcome.newBuilder()
                  .setRole(Role.ROLE_PLAYER).setTickRate(20).setSendRate(20)
                  .setAckIntervalMs(200) // deltaBase=acked: the server wants acks
                  .setSchema(GameSchema.newBuilder().addFields(FieldSpec.newBuilder()
                      .setName("x").setType(FieldType.FIELD_INT).setMax(100)))).build());
              for (int t = 1; t <= 100; t++) { // a backlog: 5 s of snapshots in one go
                send(ws, ServerMessage.newBuilder()
                    .setSnapshot(Snapshot.newBuilder().setTick(t)).build());
              }
            }
          } catch (Exception e) {
            ws.close();
          }
        }));
    int port = TestServers.await(server.listen(0, "127.0.0.1")).actualPort();
    TickstreamClient client = new TickstreamClient(vertx, ClientOptions.defaults());
    try {
      GameSession s = TestServers.await(client.connect("ws://127.0.0.1:" + port + "/ws", "p"));
      for (int i = 0; i < 100 && s.tick() < 100; i++) {
        Thread.sleep(20);
      }
      Thread.sleep(200); // acks in flight
      assertTrue(s.tick() == 100, "all snapshots applied: " + s.tick());
      assertTrue(acks.get() <= 10, "acks for a backlog of 100 snapshots: " + acks.get());
      assertTrue(acks.get() >= 1, "the newest state is still acknowledged");
    } finally {
      client.close();
      TestServers.await(vertx.close());
    }
  }

  private static void send(io.vertx.core.http.ServerWebSocket ws, ServerMessage m) {
    ws.writeBinaryMessage(Buffer.buffer(m.toByteArray()));
  }
}
