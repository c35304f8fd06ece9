package dev.tickstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.GameSession;
import dev.tickstream.client.SeatGrant;
import dev.tickstream.client.TickstreamClient;
import dev.tickstream.config.ConfigLoader;
import dev.tickstream.config.TickstreamConfig;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The reference documentation says what the code does: the settings table of
 * docs/CONFIGURATION.md is every setting the loader reads, and the metric families of
 * docs/OPERATIONS.md are the ones a real node serves.
 */
class DocsTruthTest {
  static final Path CONFIGURATION = Path.of("docs", "CONFIGURATION.md");
  static final Path OPERATIONS = Path.of("docs", "OPERATIONS.md");
  static final Pattern CODE = Pattern.compile("`([^`]+)`");

  // ---- docs/CONFIGURATION.md ----------------------------------------------------------------

  @Test
  void settingsTableListsExactlyTheSettingsTheLoaderReads() throws IOException {
    Map<String, List<String>> documented = new LinkedHashMap<>();
    for (List<String> row : table(CONFIGURATION, "## Every setting")) {
      String key = onlyCode(row.get(0), "setting key");
      assertFalse(documented.containsKey(key), "documented twice: " + key);
      documented.put(key, row);
    }
    Map<String, Object> defaults = settingsWithDefaults();
    assertTrue(defaults.size() > 30, "found the settings: " + defaults.keySet());

    assertEquals(new TreeSet<>(defaults.keySet()), new TreeSet<>(documented.keySet()),
        "docs/CONFIGURATION.md's table (right) against the settings ConfigLoader reads (left)");
    for (var e : documented.entrySet()) {
      String key = e.getKey();
      List<String> row = e.getValue();
      assertEquals(ConfigLoader.envName(key), onlyCode(row.get(1), "environment name"),
          "environment variable of " + key);
      // A default written as a value (`20`, `sent`, `false`) is the loaded default; words
      // ("cores", "random", "none", "same as `tickRate`") describe defaults that have none.
      String cell = row.get(2).trim();
      if (cell.startsWith("`")) {
        Matcher m = CODE.matcher(cell);
        assertTrue(m.find());
        assertEquals(text(defaults.get(key)), m.group(1), "default of " + key);
      }
    }
  }

  /**
   * Every setting with its loaded default. The names come from TickstreamConfig's record
   * components; a component is a setting when ConfigLoader reads it from its environment
   * variable (the start-up source names it), which also rules out {@code source}.
   */
  static Map<String, Object> settingsWithDefaults() {
    TickstreamConfig base = ConfigLoader.load(null, Map.of(), new Properties());
    Map<String, Object> settings = new TreeMap<>();
    for (RecordComponent c : TickstreamConfig.class.getRecordComponents()) {
      Object value = read(c, base);
      String env = ConfigLoader.envName(c.getName());
      TickstreamConfig probe;
      try {
        probe = ConfigLoader.load(null, Map.of(env, text(value)), new Properties());
      } catch (IllegalArgumentException e) {
        throw new AssertionError(c.getName() + ": its own default does not load back", e);
      }
      if (probe.source().contains("env [" + env + "]")) {
        settings.put(c.getName(), value);
      }
    }
    return settings;
  }

  private static Object read(RecordComponent c, TickstreamConfig config) {
    try {
      return c.getAccessor().invoke(config);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** A setting's value as its file, environment or property value is written. */
  private static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Collection<?> list) {
      return String.join(",", list.stream().map(String::valueOf).toList());
    }
    return String.valueOf(value);
  }

  // ---- docs/OPERATIONS.md -------------------------------------------------------------------

  @Test
  void metricFamiliesAreTheOnesANodeServes() throws Exception {
    Map<String, Set<String>> always = new TreeMap<>();
    Map<String, Set<String>> all = new TreeMap<>();
    for (List<String> row : table(OPERATIONS, "## Metrics")) {
      String family = onlyCode(row.get(0), "metric family");
      assertTrue(family.startsWith("tickstream_"), "a tickstream family: " + family);
      Set<String> labels = new TreeSet<>();
      Matcher m = CODE.matcher(row.get(2));
      while (m.find()) {
        labels.add(m.group(1));
      }
      assertTrue(all.put(family, labels) == null, "documented twice: " + family);
      if (row.get(3).trim().equals("always")) {
        always.put(family, labels);
      }
    }
    assertFalse(always.isEmpty());

    Vertx vertx = Vertx.vertx();
    try {
      TickstreamServer server = TestServers.start(vertx);
      String base = TestServers.http(server);
      try (TickstreamClient client = new TickstreamClient(vertx,
          ClientOptions.defaults().withTrust(server.devTrust()))) {
        // A player joins and plays a few ticks.
        GameSession player = TestServers.await(client.join(base, "docs", "player"));
        CompletableFuture<Void> ticked = new CompletableFuture<>();
        player.snapshotHandler(s -> {
          if (player.snapshotsApplied() > 5) {
            ticked.complete(null);
          }
        });
        ticked.get(10, TimeUnit.SECONDS);
        assertEquals(always, served(client, base),
            "families marked \"always\" in docs/OPERATIONS.md (left) against /metrics after a "
                + "player played (right)");

        // The labelled counters appear with their first count: a refused handshake and a
        // session the server closes.
        assertEquals(401, handshakeWithoutToken(vertx, server.port()));
        assertEquals(1003, closedAfterTextFrame(vertx, client, base));
        Thread.sleep(300); // /metrics renders at most once per 250 ms
        assertEquals(all, served(client, base),
            "every family in docs/OPERATIONS.md (left) against /metrics after a refused "
                + "handshake and a server-side close (right)");
        player.close();
      }
    } finally {
      TestServers.await(vertx.close());
    }
  }

  /** The node's tickstream_* families, from its {@code # TYPE} lines, with their labels. */
  static Map<String, Set<String>> served(TickstreamClient client, String base) {
    String text = TestServers.await(client.get(base, "/metrics")).toString();
    Map<String, Set<String>> families = new TreeMap<>();
    Set<String> current = null;
    Pattern label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");
    for (String line : text.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String name = line.split(" ")[2];
        current = name.startsWith("tickstream_") ? new TreeSet<>() : null;
        if (current != null) {
          families.put(name, current);
        }
      } else if (!line.startsWith("#") && current != null) {
        int open = line.indexOf('{');
        if (open >= 0) {
          Matcher m = label.matcher(line.substring(open, line.lastIndexOf('}')));
          while (m.find()) {
            current.add(m.group(1));
          }
        }
      }
    }
    return families;
  }

  private static int handshakeWithoutToken(Vertx vertx, int port) {
    HttpClient http = vertx.createHttpClient(new HttpClientOptions());
    try {
      RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
          .setPort(port).setURI("/ws")
          .putHeader("Connection", "Upgrade").putHeader("Upgrade", "websocket")
          .putHeader("Sec-WebSocket-Version", "13")
          .putHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
          .putHeader("Sec-WebSocket-Protocol", "tickstream.v1");
      return TestServers.await(http.request(o).compose(r -> r.send()).map(r -> r.statusCode()));
    } finally {
      http.close();
    }
  }

  private static int closedAfterTextFrame(Vertx vertx, TickstreamClient client, String base)
      throws Exception {
    SeatGrant g = TestServers.await(client.matchmake(base, "text", "player", null));
    URI uri = URI.create(g.url());
    WebSocketClient raw = vertx.createWebSocketClient(new WebSocketClientOptions());
    try {
      WebSocket ws = TestServers.await(raw.connect(new WebSocketConnectOptions()
          .setHost(uri.getHost()).setPort(uri.getPort())
          .setURI(uri.getRawPath() + "?" + uri.getRawQuery()).addSubProtocol("tickstream.v1")));
      Promise<Void> closed = Promise.promise();
      ws.binaryMessageHandler(b -> { });
      ws.closeHandler(v -> closed.tryComplete());
      ws.writeTextMessage("{}");
      closed.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      return ws.closeStatusCode();
    } finally {
      raw.close();
    }
  }

  // ---- Markdown tables ----------------------------------------------------------------------

  /**
   * The body rows (cells trimmed) of the tables in the section that starts with the line
   * {@code heading} and ends at the next heading of the same or a higher level.
   */
  static List<List<String>> table(Path file, String heading) throws IOException {
    List<String> lines = Files.readAllLines(file);
    int start = lines.indexOf(heading);
    assertTrue(start >= 0, file + " has the section '" + heading + "'");
    int level = hashes(heading);
    List<List<String>> rows = new ArrayList<>();
    int inTable = 0;
    boolean inCode = false;
    for (int i = start + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("```")) {
        inCode = !inCode;
      }
      if (!inCode && hashes(line) > 0 && hashes(line) <= level) {
        break;
      }
      if (inCode || !line.startsWith("|")) {
        inTable = 0;
        continue;
      }
      // The first two lines of a table are its header and its separator.
      if (inTable++ < 2) {
        continue;
      }
      List<String> cells = new ArrayList<>();
      for (String cell : line.substring(1).split("(?<!\\\\)\\|", -1)) {
        cells.add(cell.trim());
      }
      rows.add(cells);
    }
    assertFalse(rows.isEmpty(), file + " has a table under '" + heading + "'");
    return rows;
  }

  /** The level of a Markdown heading line ("## x" is 2), 0 for any other line. */
  private static int hashes(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == '#') {
      n++;
    }
    return n > 0 && n < line.length() && line.charAt(n) == ' ' ? n : 0;
  }

  /** The cell's text, which must be one code span and nothing else. */
  private static String onlyCode(String cell, String what) {
    Matcher m = CODE.matcher(cell.trim());
    assertTrue(m.matches(), what + " as one `code` span: '" + cell + "'");
    return m.group(1);
  }
}
