package dev.tickstream.replay;

import dev.tickstream.proto.v1.RecordingHeader;
import dev.tickstream.proto.v1.Welcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A node's match recordings: the directory they live in, the one writer thread that compresses
 * and writes them, their size limits and rotation, and the listing. Rooms never touch the disk:
 * a room hands each finished chunk to a {@link Recorder}, which queues it here (bounded); a full
 * queue or a disk error stops that recording with one log line and a metric, and the room plays
 * on. Thread-safe.
 *
 * <p>Files: {@code <id>.tsr} (the recording, see {@code recording.proto}) and {@code <id>.json}
 * (its listing entry, written when it starts and when it ends). Rotation deletes the oldest
 * finished recordings while the directory holds more than {@code maxTotalBytes}.
 */
public final class Recordings implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Recordings.class.getName());
  /** Recording ids: what {@link Recorder} makes; anything else is refused before any path use. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,79}");
  static final String SUFFIX = ".tsr";
  /** Chunks waiting for the writer, over all rooms: some seconds of every room's match. */
  static final int QUEUE = 512;

  private final Path dir;
  private final Predicate<String> games;
  final long maxPerMatch;
  private final long maxTotal;
  private final ThreadPoolExecutor writer;
  final Set<String> active = ConcurrentHashMap.newKeySet();
  private final Counter started;
  private final Counter bytes;
  private final MeterRegistry registry;
  private final AtomicLong seq = new AtomicLong();

  /**
   * @param games which games' rooms are recorded (by game name)
   * @param maxPerMatch bytes one recording may reach before it stops
   * @param maxTotal bytes the directory may hold; the oldest finished recordings go first
   */
  public Recordings(Path dir, Predicate<String> games, long maxPerMatch, long maxTotal,
      MeterRegistry registry) {
    this.dir = dir.toAbsolutePath().normalize();
    this.games = games;
    this.maxPerMatch = maxPerMatch;
    this.maxTotal = maxTotal;
    this.registry = registry;
    this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(QUEUE), r -> {
          Thread t = new Thread(r, "tickstream-recorder");
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    this.started = Counter.builder("tickstream.recordings.started")
        .description("Match recordings started").register(registry);
    this.bytes = Counter.builder("tickstream.recordings.bytes")
        .description("Bytes written to match recordings (compressed)").register(registry);
    failures("queue");
    failures("io");
    failures("size");
  }

  /** The recordings directory (absolute). */
  public Path dir() {
    return dir;
  }

  /** Whether rooms of {@code game} are recorded. */
  public boolean records(String game) {
    return games.test(game);
  }

  Counter failures(String reason) {
    return Counter.builder("tickstream.recordings.stopped").tag("reason", reason)
        .description("Recordings stopped early: writer queue full, disk error, size limit")
        .register(registry);
  }

  void wrote(long n) {
    bytes.increment(n);
  }

  /**
   * Starts recording a room; any thread. The header is written on the writer thread; the
   * returned recorder is used on the room's thread.
   *
   * @param welcome a spectator's Welcome of the room (its tick: the room's tick now)
   * @param keyframeTicks ticks between two keyframes
   */
  public Recorder open(String roomId, String game, Welcome welcome, int keyframeTicks) {
    long now = System.currentTimeMillis();
    String id = Long.toString(now, 36) + "-" + Long.toString(seq.incrementAndGet(), 36) + "-"
        + roomId.replaceAll("[^A-Za-z0-9_-]", "");
    RecordingHeader header = RecordingHeader.newBuilder().setVersion(1).setId(id).setGame(game)
        .setRoomId(roomId).setStartedMs(now).setWelcome(welcome).setKeyframeTicks(keyframeTicks)
        .build();
    started.increment();
    active.add(id);
    Recorder r = new Recorder(this, id, header, dir.resolve(id + SUFFIX),
        dir.resolve(id + ".json"));
    if (!submit(r::writeHeader)) {
      r.queueFull();
    }
    return r;
  }

  /** Runs {@code task} on the writer; false when its queue is full (the caller stops). */
  boolean submit(Runnable task) {
    try {
      writer.execute(task);
      return true;
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return false;
    }
  }

  /** On the writer: deletes the oldest finished recordings while the directory is too big. */
  void rotate() {
    List<Path> files = new ArrayList<>();
    long total = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path p : ds) {
        files.add(p);
        total += Files.size(p);
      }
    } catch (IOException e) {
      return;
    }
    files.sort(Comparator.comparingLong(Recordings::modified));
    for (Path p : files) {
      if (total <= maxTotal) {
        break;
      }
      String id = idOf(p);
      if (active.contains(id)) {
        continue;
      }
      try {
        long size = Files.size(p);
        Files.deleteIfExists(p);
        Files.deleteIfExists(dir.resolve(id + ".json"));
        total -= size;
        LOG.log(System.Logger.Level.INFO, "recording " + id + " deleted (recordMaxTotalBytes)");
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "could not delete recording " + p + ": " + e);
      }
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  private static String idOf(Path p) {
    String f = p.getFileName().toString();
    return f.substring(0, f.length() - SUFFIX.length());
  }

  /** The listing entries, newest first; unreadable entries are skipped. Blocking (disk). */
  public List<JsonObject> list() {
    List<JsonObject> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
      for (Path p : ds) {
        try {
          JsonObject o = new JsonObject(Files.readString(p, StandardCharsets.UTF_8));
          String id = o.getString("id");
          Path file = id == null ? null : dir.resolve(id + SUFFIX);
          if (file != null && Files.exists(file)) {
            o.put("bytes", Files.size(file));
            o.put("recording", active.contains(id));
            out.add(o);
          }
        } catch (IOException | RuntimeException e) {
          // a half-written or foreign file: not listed
        }
      }
    } catch (IOException e) {
      return out;
    }
    out.sort(Comparator.comparingLong((JsonObject o) -> o.getLong("startedMs", 0L)).reversed());
    return out;
  }

  /**
   * The file of recording {@code id}: null when there is none.
   *
   * @throws IllegalArgumentException when {@code id} is not a well-formed id (path characters)
   */
  public Path file(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a recording id: ids are letters, digits, - and _");
    }
    Path p = dir.resolve(id + SUFFIX).normalize();
    if (!p.getParent().equals(dir) || !Files.isRegularFile(p)) {
      return null;
    }
    return p;
  }

  /** Waits up to {@code ms} for queued writes (tests, shutdown). */
  public void flush(long ms) {
    java.util.concurrent.CountDownLatch l = new java.util.concurrent.CountDownLatch(1);
    try {
      writer.execute(l::countDown);
      l.await(ms, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException | InterruptedException e) {
      // full or interrupted: give up waiting
    }
  }

  @Override
  public void close() {
    flush(5000);
    writer.shutdown();
  }
}
