package dev.tickstream.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotation keeps the directory within its bound, oldest finished first; ids never escape it. */
class RecordingsTest {
  @TempDir
  Path dir;

  @Test
  void rotationDeletesTheOldestFinishedRecordingsAndSparesActiveOnes() throws Exception {
    for (int i = 0; i < 4; i++) {
      Files.write(dir.resolve("r" + i + ".tsr"), new byte[1000]);
      Files.writeString(dir.resolve("r" + i + ".json"), "{\"id\":\"r" + i + "\"}");
      Files.setLastModifiedTime(dir.resolve("r" + i + ".tsr"), FileTime.fromMillis(1000L * i));
    }
    Recordings recordings = new Recordings(dir, g -> true, 1 << 20, 3000,
        new SimpleMeterRegistry());
    recordings.active.add("r0"); // the oldest is still being written: kept
    recordings.rotate();
    assertTrue(Files.exists(dir.resolve("r0.tsr")), "an active recording is never deleted");
    assertFalse(Files.exists(dir.resolve("r1.tsr")));
    assertFalse(Files.exists(dir.resolve("r1.json")), "its listing entry goes with it");
    assertTrue(Files.exists(dir.resolve("r2.tsr")) && Files.exists(dir.resolve("r3.tsr")));
    recordings.close();
  }

  @Test
  void idsAreCheckedBeforeAnyPathIsMade() throws Exception {
    Files.writeString(dir.resolveSibling("secret.tsr"), "x");
    Recordings recordings = new Recordings(dir, g -> true, 1 << 20, 1 << 20,
        new SimpleMeterRegistry());
    for (String bad : new String[] {"../secret", "a/b", "a.b", "", "-x", "a\u0000b",
        "x".repeat(81)}) {
      assertThrows(IllegalArgumentException.class, () -> recordings.file(bad), bad);
    }
    assertNull(recordings.file("nosuch"));
    Files.write(dir.resolve("ok-1.tsr"), new byte[3]);
    assertEquals(dir.toAbsolutePath().normalize().resolve("ok-1.tsr"), recordings.file("ok-1"));
    recordings.close();
  }
}
