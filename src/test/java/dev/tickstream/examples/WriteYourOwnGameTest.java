package dev.tickstream.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.TestServers;
import dev.tickstream.TickstreamServer;
import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.GameSession;
import dev.tickstream.client.TickstreamClient;
import dev.tickstream.examples.coins.Move;
import dev.tickstream.examples.coins.Scored;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/GAME-API.md's example game is exactly the code compiled here, and it plays: a player
 * steered over a real socket walks to the coin (found by field name in its mirror), scores, and
 * both players get the "scored" event.
 */
class WriteYourOwnGameTest {

  @Test
  void theDocumentedFilesAreTheCompiledOnes() throws Exception {
    String doc = Files.readString(Path.of("docs/GAME-API.md"));
    Matcher m = Pattern.compile("<!-- file: (\\S+) -->\\n```\\w+\\n(.*?)```", Pattern.DOTALL)
        .matcher(doc);
    int files = 0;
    while (m.find()) {
      assertEquals(Files.readString(Path.of(m.group(1))), m.group(2),
          m.group(1) + " differs from docs/GAME-API.md");
      files++;
    }
    assertEquals(2, files, "the doc shows the game's .proto and its Java file");
    long lines = Files.readAllLines(Path.of(
        "src/test/java/dev/tickstream/examples/CoinGame.java")).size();
    assertTrue(lines <= 80, "the hello-world game is " + lines + " lines");
  }

  @Test
  void theExampleGamePlaysOverARealSocket() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      TickstreamServer server = TestServers.start(vertx, List.of(CoinGame.SPEC));
      TickstreamClient client = new TickstreamClient(vertx,
          ClientOptions.defaults().withTrust(server.devTrust()));
      String base = TestServers.http(server);
      GameSession walker = TestServers.await(client.join(base, "coins", "ada", "player"));
      GameSession watcher = TestServers.await(client.join(base, "coins", "bob", "player"));
      assertEquals("coins", walker.welcome().getGame());
      List<Scored> seenByWatcher = new CopyOnWriteArrayList<>();
      watcher.context().runOnContext(v -> watcher.eventHandler(e -> {
        try {
          seenByWatcher.add(e.as(Scored.parser()));
        } catch (Exception x) {
          throw new AssertionError(x);
        }
      }));
      int me = walker.welcome().getEntityId();
      // Steer towards the coin (entity 1) each tick until the watcher hears the score.
      long timer = vertx.setPeriodic(50, id -> walker.context().runOnContext(v -> {
        if (walker.mirror() == null || walker.mirror().indexOf(me) < 0) {
          return;
        }
        int dx = Integer.signum(walker.value(1, "x") - walker.value(me, "x"));
        int dy = Integer.signum(walker.value(1, "y") - walker.value(me, "y"));
        walker.sendInput(Move.newBuilder().setDx(dx).setDy(dy).build());
      }));
      for (int i = 0; i < 300 && seenByWatcher.isEmpty(); i++) {
        Thread.sleep(50);
      }
      vertx.cancelTimer(timer);
      assertTrue(!seenByWatcher.isEmpty(), "no score within 15 s");
      assertEquals(me, seenByWatcher.get(0).getPlayer());
      assertEquals(1, seenByWatcher.get(0).getScore());
      client.close();
    } finally {
      TestServers.await(vertx.close());
    }
  }
}
