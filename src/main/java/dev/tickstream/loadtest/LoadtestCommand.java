package dev.tickstream.loadtest;

/** {@code tickstream.jar loadtest}: placeholder until the bot runner lands. */
public final class LoadtestCommand {
  private LoadtestCommand() {}

  /** Runs the command and returns the process exit status. */
  public static int run(String[] args) {
    System.err.println("loadtest: not built yet");
    return 2;
  }
}
