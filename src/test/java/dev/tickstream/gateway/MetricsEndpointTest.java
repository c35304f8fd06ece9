package dev.tickstream.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.TestServers;
import dev.tickstream.TickstreamServer;
import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.TickstreamClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} on the game port, over real sockets: with a token set, only a scraper that
 * sends it is answered; a flood of scrapes renders the registry at most once per 250 ms, off
 * the event loops, and the bystander in a room keeps every tick.
 */
class MetricsEndpointTest {
  static final String TOKEN = "metrics-test-token";
  static Vertx vertx;
  static TickstreamServer server;
  static TickstreamClient client;
  static Bystander bystander;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = TestServers.start(vertx, "METRICS_TOKEN", TOKEN);
    client = new TickstreamClient(vertx, ClientOptions.defaults());
    bystander = Bystander.join(client, server);
  }

  @AfterAll
  static void stop() {
    bystander.assertKeptEveryTick(20);
    client.close();
    TestServers.await(vertx.close());
  }

  static Future<String> scrape(HttpClient http, String auth) {
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
        .setPort(server.port()).setURI("/metrics");
    if (auth != null) {
      o.putHeader("Authorization", auth);
    }
    return http.request(o).compose(r -> r.send()
        .compose(resp -> resp.body().map(b -> resp.statusCode() + " " + b)));
  }

  static double value(String body, String name) {
    for (String line : body.split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return -1;
  }

  @Test
  void onlyAScraperWithTheTokenIsAnswered() {
    HttpClient http = vertx.createHttpClient();
    assertTrue(TestServers.await(scrape(http, null)).startsWith("401 "));
    assertTrue(TestServers.await(scrape(http, "Bearer wrong")).startsWith("401 "));
    String ok = TestServers.await(scrape(http, "Bearer " + TOKEN));
    assertTrue(ok.startsWith("200 ") && ok.contains("tickstream_connections"), ok);
  }

  @Test
  void aScrapeFloodRendersAtMostFourTimesASecond() {
    // A connection per scrape, eight at a time: many scrapers, as a flood would come.
    HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false),
        new PoolOptions().setHttp1MaxSize(8));
    String auth = "Bearer " + TOKEN;
    double before = value(TestServers.await(scrape(http, auth)), "tickstream_metrics_renders_total");
    long t0 = System.nanoTime();
    int scrapes = 0;
    while (System.nanoTime() - t0 < 3_000_000_000L) {
      List<Future<String>> batch = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        batch.add(scrape(http, auth));
      }
      TestServers.await(Future.all(batch));
      scrapes += batch.size();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    String last = TestServers.await(scrape(http, auth));
    double renders = value(last, "tickstream_metrics_renders_total") - before;
    assertTrue(scrapes > 100, "only " + scrapes + " scrapes");
    assertTrue(renders <= seconds * 4 + 2,
        renders + " renders for " + scrapes + " scrapes in " + seconds + " s");
    assertEquals(200, Integer.parseInt(last.substring(0, 3)));
  }
}
