package dev.tickstream.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  @Test
  void laterLayersWinDefaultsFileEnvironmentSystemProperties() throws Exception {
    Path file = dir.resolve("t.json");
    Files.writeString(file, "{\"port\": 9000, \"tickRate\": 30, \"maxPlayers\": 8,"
        + " \"allowedOrigins\": [\"https://a.example\", \"https://b.example\"]}");
    Properties props = new Properties();
    props.setProperty("tickstream.maxPlayers", "12");
    TickstreamConfig c = ConfigLoader.load(file.toString(),
        Map.of("TICK_RATE", "60", "PORT", "9100"), props);
    assertEquals(9100, c.port());
    assertEquals(60, c.tickRate());
    assertEquals(12, c.maxPlayers());
    assertEquals(8443, c.tlsPort());
    assertEquals(List.of("https://a.example", "https://b.example"), c.allowedOrigins());
    assertTrue(c.source().contains("env [TICK_RATE, PORT]") || c.source().contains("env [PORT, TICK_RATE]"),
        c.source());
    assertTrue(c.source().contains("system properties [tickstream.maxPlayers]"), c.source());
  }

  @Test
  void environmentNamesDeriveFromKeys() {
    assertEquals("TICK_RATE", ConfigLoader.envName("tickRate"));
    assertEquals("MAX_CONNECTIONS_PER_IP", ConfigLoader.envName("maxConnectionsPerIp"));
    assertEquals("PORT", ConfigLoader.envName("port"));
  }

  @Test
  void badValuesAreRefusedWithTheSettingsName() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> ConfigLoader.load(null, Map.of("TICK_RATE", "100"), new Properties()));
    assertTrue(e.getMessage().contains("tickRate"), e.getMessage());
    var e2 = assertThrows(IllegalArgumentException.class,
        () -> ConfigLoader.load(null, Map.of("SEND_RATE", "7"), new Properties()));
    assertTrue(e2.getMessage().contains("sendRate"), e2.getMessage());
    var e3 = assertThrows(IllegalArgumentException.class,
        () -> ConfigLoader.load(null, Map.of("PORT", "eighty"), new Properties()));
    assertTrue(e3.getMessage().contains("port"), e3.getMessage());
  }

  @Test
  void unknownFileKeyIsAnError() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"tickrate\": 30}");
    assertThrows(IllegalArgumentException.class,
        () -> ConfigLoader.load(file.toString(), Map.of(), new Properties()));
  }

  @Test
  void theLoadTestsEnvironmentLiftsEveryPerAddressLimit() {
    TickstreamConfig c = ConfigLoader.load(null, ConfigLoader.perAddressLimitsLifted(),
        new Properties());
    assertEquals(1_000_000, c.maxConnectionsPerIp());
    assertEquals(1_000_000, c.handshakesPerSecondPerIp());
    assertEquals(1_000_000, c.matchmakesPerSecondPerIp());
    assertEquals(1_000_000, c.maxUnclaimedSeatsPerIp());
    assertEquals(1_000_000, c.maxHttpConnectionsPerIp());
  }
}
