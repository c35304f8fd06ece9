package dev.tickstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import org.junit.jupiter.api.Test;

/** The command's stdout is one JSON object, whatever the server logs meanwhile. */
class BandwidthCommandTest {

  @Test
  void stdoutHoldsTheJsonObjectAloneWhileWarningsGoElsewhere() throws Exception {
    Logger root = Logger.getLogger("");
    Handler[] before = root.getHandlers();
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    try {
      System.setOut(capture);
      // As the server's main sets logging up: a handler on stdout.
      for (Handler h : before) {
        root.removeHandler(h);
      }
      root.addHandler(new StreamHandler(capture, new SimpleFormatter()));
      assertEquals(0, BandwidthCommand.run(new String[] {"--players", "4", "--ticks", "5"}));
      // What a blocked event loop reports, logged while the report is being written.
      Logger.getLogger("io.vertx.core.impl.BlockedThreadChecker")
          .warning("Thread vert.x-eventloop-thread-0 has been blocked");
      for (Handler h : root.getHandlers()) {
        h.flush();
      }
    } finally {
      System.setOut(stdout);
      for (Handler h : root.getHandlers()) {
        root.removeHandler(h);
      }
      for (Handler h : before) {
        root.addHandler(h);
      }
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertFalse(out.contains("blocked"), out);
    JsonObject report = new JsonObject(out.trim());
    assertEquals(4, report.getInteger("players"));
  }
}
