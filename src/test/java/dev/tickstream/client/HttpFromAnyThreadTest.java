package dev.tickstream.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tickstream.TestServers;
import dev.tickstream.TickstreamServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Games, bots and tests call Vert.x's HTTP client from their own threads. Every such call is
 * answered when the response's body is asked for inside the callback of {@code send()} (as
 * the SDK does), not in a {@code compose} chained after it: chained, the callback can run
 * on another thread after the answer has ended, and Vert.x 5.0.8 then never completes the
 * body (5.0.11 completes it empty; vert.x#6038, #5904). Chained, this test fails on 5.0.8 in
 * one to twelve thousand calls; the suite's HTTP tests used to hang 30 s about once a run.
 */
class HttpFromAnyThreadTest {
  static final int CALLS = 20_000;
  static final long SECONDS = 15;

  @Test
  void thousandsOfCallsFromATestThreadAreAllAnswered() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      TickstreamServer server = TestServers.start(vertx);
      String base = TestServers.http(server);
      TickstreamClient sdk = new TickstreamClient(vertx, ClientOptions.defaults());
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
      for (int i = 0; i < CALLS && System.nanoTime() < end; i++) {
        // A fresh bare client on every other call: a new connection each time, the case in
        // which the answer's end was lost; the SDK's pooled client in between.
        Future<String> status;
        HttpClient bare = null;
        if (i % 2 == 0) {
          bare = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(i % 4 == 0));
          status = bare.request(new RequestOptions().setMethod(HttpMethod.GET)
              .setHost("127.0.0.1").setPort(server.port()).setURI("/health"))
              .compose(r -> r.send().compose(resp -> resp.body()))
              .map(b -> b.toJsonObject().getString("status"));
        } else {
          status = sdk.get(base, "/health").map(b -> b.toJsonObject().getString("status"));
        }
        try {
          assertEquals("UP", status.toCompletionStage().toCompletableFuture()
              .get(5, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
          fail("call " + i + " got no answer in 5 s");
        } finally {
          if (bare != null) {
            bare.close();
          }
        }
      }
      sdk.close();
    } finally {
      TestServers.await(vertx.close());
    }
  }
}
