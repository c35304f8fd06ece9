package dev.tickstream.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.TestServers;
import dev.tickstream.TickstreamServer;
import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.TickstreamClient;
import dev.tickstream.config.ConfigLoader;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** publicUrl fixes the scheme and host of every URL handed out, whoever asks. */
class PublicUrlTest {
  @Test
  void matchmakingAndLocateAnswerThePublicUrl() {
    Vertx vertx = Vertx.vertx();
    try {
      TickstreamServer server = TestServers.start(vertx, "PUBLIC_URL",
          "https://game.example.com/", "PUBLIC_HOST", "ignored.example:1");
      TickstreamClient client = new TickstreamClient(vertx, ClientOptions.defaults());
      var seat = TestServers.await(client.matchmake(TestServers.http(server), "p", "player",
          null));
      assertTrue(seat.url().startsWith("wss://game.example.com/ws?token="), seat.url());
      client.close();
    } finally {
      TestServers.await(vertx.close());
    }
  }

  @Test
  void nodeAddressesDeriveFromIt() {
    assertEquals("wss://game.example.com/ws", PublicUrls.wsBase("https://game.example.com"));
    assertEquals("ws://10.0.0.1:8080/ws", PublicUrls.wsBase("http://10.0.0.1:8080/"));
  }

  @Test
  void onlySchemeHostAndPortAreAccepted() {
    for (String bad : new String[] {"game.example.com", "ftp://x", "https://x/game",
        "https://u:p@x", "https://x?a=1", "https://"}) {
      assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(null,
          Map.of("PUBLIC_URL", bad), new Properties()), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(null,
        Map.of("FORWARDED_HEADERS", "both"), new Properties()));
  }
}
