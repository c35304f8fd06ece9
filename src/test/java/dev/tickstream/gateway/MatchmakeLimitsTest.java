package dev.tickstream.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.TestServers;
import dev.tickstream.TickstreamServer;
import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.TickstreamClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Anonymous matchmaking cannot hold seats or make rooms without bound, over real sockets:
 * requests per address are rate-limited, seats reserved and never connected to are capped per
 * address (so a few requests naming a public room id cannot fill it), and a node makes no more
 * than maxRooms rooms. Each abuser comes from its own loopback address; the bystander on
 * 127.0.0.1 keeps every tick.
 */
class MatchmakeLimitsTest {
  static Vertx vertx;
  static TickstreamServer server;
  static TickstreamClient client;
  static Bystander bystander;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = TestServers.start(vertx, "MATCHMAKES_PER_SECOND_PER_IP", "5",
        "MAX_UNCLAIMED_SEATS_PER_IP", "3", "MAX_ROOMS", "4", "MAX_PLAYERS", "8");
    client = new TickstreamClient(vertx, ClientOptions.defaults());
    bystander = Bystander.join(client, server);
  }

  @AfterAll
  static void stop() {
    bystander.assertKeptEveryTick(20);
    client.close();
    TestServers.await(vertx.close());
  }

  record Answer(int status, JsonObject body, String retryAfter) {}

  static Answer matchmake(String from, JsonObject body) {
    HttpClient http = vertx.createHttpClient(new HttpClientOptions().setLocalAddress(from));
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
        .setPort(server.port()).setURI("/api/matchmake")
        .putHeader("content-type", "application/json");
    return TestServers.await(http.request(o).compose(r -> r.send(Buffer.buffer(body.encode()))
        .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), new JsonObject(b),
            resp.getHeader("Retry-After"))))));
  }

  @Test
  void seatsNeverConnectedToAreCappedPerAddressSoNoOneHoldsAPublicRoom() {
    JsonObject intoTheRoom = new JsonObject().put("roomId", bystander.roomId());
    for (int i = 0; i < 3; i++) {
      assertEquals(200, matchmake("127.0.0.11", intoTheRoom).status());
    }
    Answer fourth = matchmake("127.0.0.11", intoTheRoom);
    assertEquals(429, fourth.status());
    assertTrue(fourth.body().getString("error").contains("unclaimed"), fourth.body().encode());
    assertEquals("5", fourth.retryAfter());
    // The room still has free seats for everyone else.
    assertEquals(200, matchmake("127.0.0.12", intoTheRoom).status());
  }

  @Test
  void requestsPerAddressAreRateLimited() throws Exception {
    int refused = 0;
    // 40 in a row: even at 100 ms a request on a busy machine, more than the 5/s get through.
    for (int i = 0; i < 40; i++) {
      // A game that does not exist costs no seat: only the rate can refuse these.
      Answer a = matchmake("127.0.0.21", new JsonObject().put("game", "nope"));
      if (a.status() == 429) {
        refused++;
        assertEquals("1", a.retryAfter());
      } else {
        assertEquals(404, a.status());
      }
    }
    assertTrue(refused >= 5, "refused " + refused + " of 40 in a burst of 5/s");
    Thread.sleep(1100);
    assertEquals(404, matchmake("127.0.0.21", new JsonObject().put("game", "nope")).status());
  }

  @Test
  void aNodeMakesNoMoreThanMaxRooms() {
    // Private rooms are new rooms every time; each from its own address, so only the cap can
    // refuse them. The bystander's room is one of the four.
    int made = 0;
    Answer last = null;
    for (int i = 0; i < 6; i++) {
      last = matchmake("127.0.0." + (31 + i), new JsonObject().put("private", true));
      if (last.status() == 200) {
        made++;
      }
    }
    assertTrue(made <= 3, "made " + made);
    assertEquals(503, last.status());
    assertTrue(last.body().getString("error").contains("maximum of 4 rooms"),
        last.body().encode());
    assertTrue(server.rooms().all().size() <= 4);
  }
}
