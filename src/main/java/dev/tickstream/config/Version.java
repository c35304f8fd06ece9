package dev.tickstream.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This build's version, as the jar, {@code /health} and the start-up line report it. */
public final class Version {
  private static final String VERSION = load();

  private Version() {}

  /** For example {@code 0.1.0-SNAPSHOT}; {@code unknown} when the build did not stamp it. */
  public static String current() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown");
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
