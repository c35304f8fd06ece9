package dev.tickstream.loadtest.cost;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Runs the bot load tester ({@code loadtest --url ...}) in this JVM for the cost command. It
 * is handed in by {@code LoadtestCommand} so this package never names the bots' package (the
 * dependency goes one way: the bots' command knows the cost command, not the reverse).
 */
public interface BotDriver {
  /**
   * Runs {@code loadtest} with {@code args} (they include {@code --url}) on the calling thread
   * and returns its {@code report.json} object. {@code begin} and {@code end} run on that
   * thread as the measured window opens and closes (once each for a run without
   * {@code --capacity}); progress lines go to stdout, each starting with {@code label}.
   */
  JsonObject run(List<String> args, String label, Runnable begin, Runnable end)
      throws Exception;
}
