package dev.tickstream.replay;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import dev.tickstream.proto.v1.RecordingBlock;
import dev.tickstream.proto.v1.RecordingChunk;
import dev.tickstream.proto.v1.RecordingEnd;
import dev.tickstream.proto.v1.RecordingHeader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;

/**
 * One room's recording. The room calls {@link #chunk} and {@link #finish} on its own thread;
 * they copy what they are given and queue the work (compression, the disk) on the node's
 * writer thread, so the room never waits for a disk. Once {@link #stopped()} the room stops
 * handing it chunks.
 */
public final class Recorder {
  private static final System.Logger LOG = System.getLogger(Recorder.class.getName());

  private final Recordings node;
  private final String id;
  private final RecordingHeader header;
  private final Path file;
  private final Path sidecar;
  private volatile boolean stopped;
  // Writer thread only.
  private OutputStream out;
  private long size;
  private int firstTick;
  private int lastTick;
  private final List<Long> offsets = new ArrayList<>();
  private final List<Integer> ticks = new ArrayList<>();
  private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
  private byte[] packed = new byte[8192];
  private boolean ended;

  Recorder(Recordings node, String id, RecordingHeader header, Path file, Path sidecar) {
    this.node = node;
    this.id = id;
    this.header = header;
    this.file = file;
    this.sidecar = sidecar;
  }

  public String id() {
    return id;
  }

  /** True once the recording has stopped (finished, full, failed); any thread. */
  public boolean stopped() {
    return stopped;
  }

  /**
   * Queues one chunk: {@code frames} frames, {@code raw[0..length)} as varint-delimited
   * {@code ServerMessage}s, the first a keyframe, with the names seen so far. Copies
   * {@code raw}. Room thread.
   */
  public void chunk(int first, int last, int frames, byte[] raw, int length,
      List<String> players) {
    if (stopped) {
      return;
    }
    byte[] copy = Arrays.copyOf(raw, length);
    List<String> names = List.copyOf(players);
    if (!node.submit(() -> writeChunk(first, last, frames, copy, names))) {
      queueFull();
    }
  }

  /** The writer is too far behind to take more: this recording stops here. */
  void queueFull() {
    stop("queue", "the writer's queue is full (" + Recordings.QUEUE + " chunks): disk too slow");
    node.active.remove(id);
  }

  /** Ends the recording: writes its end block and listing entry. Room thread. */
  public void finish(List<String> players, String reason) {
    if (stopped) {
      return;
    }
    stopped = true;
    List<String> names = List.copyOf(players);
    if (!node.submit(() -> end(names, reason))) {
      node.active.remove(id); // left without its end block: still readable to its last chunk
    }
  }

  void writeHeader() {
    try {
      Files.createDirectories(file.getParent());
      out = Files.newOutputStream(file);
      write(RecordingBlock.newBuilder().setHeader(header).build());
      firstTick = header.getWelcome().getTick();
      lastTick = firstTick;
      sidecar(null, List.of());
    } catch (IOException e) {
      failed(e);
    }
  }

  private void writeChunk(int first, int last, int frames, byte[] raw, List<String> players) {
    if (out == null || ended) {
      return;
    }
    try {
      deflater.reset();
      deflater.setInput(raw);
      deflater.finish();
      int n = 0;
      while (!deflater.finished()) {
        if (n == packed.length) {
          packed = Arrays.copyOf(packed, packed.length * 2);
        }
        n += deflater.deflate(packed, n, packed.length - n);
      }
      RecordingBlock block = RecordingBlock.newBuilder().setChunk(RecordingChunk.newBuilder()
          .setFirstTick(first).setLastTick(last).setFrames(frames)
          .setData(ByteString.copyFrom(packed, 0, n))).build();
      if (size + block.getSerializedSize() + 64 > node.maxPerMatch) {
        stop("size", "it reached recordMaxBytesPerMatch (" + node.maxPerMatch + " bytes)");
        end(List.of(), "size limit");
        return;
      }
      if (offsets.isEmpty()) {
        firstTick = first;
      }
      offsets.add(size);
      ticks.add(first);
      write(block);
      lastTick = last;
      sidecar(null, players); // the listing shows a recording's length while it grows
    } catch (IOException e) {
      failed(e);
    }
  }

  private void end(List<String> players, String reason) {
    if (out == null || ended) {
      node.active.remove(id);
      return;
    }
    ended = true;
    try {
      RecordingEnd.Builder e = RecordingEnd.newBuilder().setLastTick(lastTick)
          .setEndedMs(System.currentTimeMillis()).addAllPlayers(players).setReason(reason);
      offsets.forEach(e::addChunkOffsets);
      ticks.forEach(e::addChunkTicks);
      write(RecordingBlock.newBuilder().setEnd(e).build());
      out.close();
      sidecar(reason, players);
    } catch (IOException e) {
      failed(e);
    } finally {
      deflater.end();
      node.active.remove(id);
      node.rotate();
    }
  }

  private void write(RecordingBlock block) throws IOException {
    byte[] b = block.toByteArray();
    byte[] len = new byte[CodedOutputStream.computeUInt32SizeNoTag(b.length)];
    CodedOutputStream.newInstance(len).writeUInt32NoTag(b.length);
    out.write(len);
    out.write(b);
    out.flush();
    size += len.length + b.length;
    node.wrote(len.length + b.length);
  }

  /** The listing entry, replaced atomically (a reader never sees half of it). */
  private void sidecar(String reason, List<String> players) throws IOException {
    int rate = Math.max(1, header.getWelcome().getTickRate());
    JsonObject o = new JsonObject().put("id", id).put("game", header.getGame())
        .put("roomId", header.getRoomId()).put("players", new JsonArray(players))
        .put("startedMs", header.getStartedMs())
        .put("durationMs", (long) (lastTick - firstTick) * 1000 / rate)
        .put("firstTick", firstTick).put("lastTick", lastTick).put("tickRate", rate)
        .put("ended", reason);
    Path tmp = sidecar.resolveSibling(sidecar.getFileName() + ".tmp");
    Files.writeString(tmp, o.encode(), StandardCharsets.UTF_8);
    Files.move(tmp, sidecar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private void failed(IOException e) {
    stop("io", "the disk refused it: " + e);
    ended = true;
    try {
      if (out != null) {
        out.close();
      }
    } catch (IOException ignored) {
      // already failing
    }
    node.active.remove(id);
  }

  /** Stops for good, with one log line and a metric (per fault). */
  private void stop(String reason, String why) {
    stopped = true;
    node.failures(reason).increment();
    LOG.log(System.Logger.Level.WARNING, "recording " + id + " of room " + header.getRoomId()
        + " stopped: " + why + "; the room plays on");
  }
}
