package dev.tickstream.cli;

import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/** One readable line per event on stdout, for people and log collectors alike. */
final class Logs {
  private Logs() {}

  static void configure() {
    System.setProperty("java.util.logging.SimpleFormatter.format",
        "%1$tFT%1$tT.%1$tLZ %4$-7s %3$s: %5$s%6$s%n");
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    // A StreamHandler on stdout, not a ConsoleHandler re-pointed at it: re-pointing closes
    // System.err, and every later error message would vanish.
    StreamHandler out = new StreamHandler(System.out, new SimpleFormatter()) {
      @Override
      public synchronized void publish(LogRecord r) {
        super.publish(r);
        flush();
      }

      @Override
      public synchronized void close() {
        flush(); // never close stdout
      }
    };
    out.setLevel(Level.INFO);
    root.addHandler(out);
    root.setLevel(Level.INFO);
    Logger.getLogger("io.netty").setLevel(Level.WARNING);
  }
}
