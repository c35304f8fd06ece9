package dev.tickstream.loadtest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that runs {@code dev.tickstream.cli.Main} in a child JVM on this classpath. */
public final class ChildJvm {
  private ChildJvm() {}

  /** {@code java ... dev.tickstream.cli.Main args}; the child exits on its first OutOfMemoryError. */
  public static List<String> main(List<String> args) {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
        "dev.tickstream.cli.Main"));
    cmd.addAll(args);
    return cmd;
  }
}
