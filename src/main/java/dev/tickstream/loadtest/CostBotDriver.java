package dev.tickstream.loadtest;

import dev.tickstream.loadtest.cost.BotDriver;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The cost command's bots: a {@link LoadRun} against a given URL, in this JVM. */
final class CostBotDriver implements BotDriver {
  @Override
  public JsonObject run(List<String> args, String label, Runnable begin, Runnable end)
      throws Exception {
    LoadtestOptions o = LoadtestOptions.parse(args.toArray(String[]::new));
    // Plain lines, each prefixed: two runs of a pair print at once.
    Progress progress = new Progress(new PrintStream(new Prefixed(label + " "), true,
        StandardCharsets.UTF_8), false);
    return new LoadRun(o, progress, null).onMeasuring(begin, end).run().report();
  }

  /** Writes whole lines to stdout, each after {@code prefix}. */
  private static final class Prefixed extends OutputStream {
    private final String prefix;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    Prefixed(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        System.out.println(prefix + line.toString(StandardCharsets.UTF_8));
        line.reset();
      } else {
        line.write(b);
      }
    }
  }
}
