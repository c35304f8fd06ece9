package dev.tickstream.config;

/**
 * Values of a tool's command-line options ({@code loadtest} and its sub-commands), each checked
 * with the option named in the message: {@link IllegalArgumentException} on a bad one.
 */
public final class CommandArgs {
  private CommandArgs() {}

  /** The option's value at {@code args[i]}. */
  public static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  /** A whole number in {@code min..max}. */
  public static int integer(String[] args, int i, String option, int min, int max) {
    String v = value(args, i, option);
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " wants a whole number, got " + v);
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(option + " must be in " + min + ".." + max + ": " + n);
    }
    return n;
  }

  /** Seconds as "90", "90s", "1.5", "500ms" or "2m", in {@code min..max}. */
  public static double seconds(String[] args, int i, String option, double min, double max) {
    String v = value(args, i, option).trim();
    double factor = 1;
    if (v.endsWith("ms")) {
      factor = 0.001;
      v = v.substring(0, v.length() - 2);
    } else if (v.endsWith("s")) {
      v = v.substring(0, v.length() - 1);
    } else if (v.endsWith("m")) {
      factor = 60;
      v = v.substring(0, v.length() - 1);
    }
    double d;
    try {
      d = Double.parseDouble(v) * factor;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " wants seconds (e.g. 60s), got " + args[i]);
    }
    if (!(d >= min) || d > max) {
      throw new IllegalArgumentException(option + " must be in " + min + ".." + (long) max
          + " s: " + d);
    }
    return d;
  }
}
