package dev.tickstream;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/** One readable line per event on stdout, for people and log collectors alike. */
final class Logs {
  private Logs() {}

  static void configure() {
    System.setProperty("java.util.logging.SimpleFormatter.format",
        "%1$tFT%1$tT.%1$tLZ %4$-7s %3$s: %5$s%6$s%n");
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    ConsoleHandler out = new ConsoleHandler() {
      {
        setOutputStream(System.out);
      }
    };
    out.setLevel(Level.INFO);
    root.addHandler(out);
    root.setLevel(Level.INFO);
    Logger.getLogger("io.netty").setLevel(Level.WARNING);
  }
}
