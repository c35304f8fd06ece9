package dev.tickstream.client;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.tickstream.proto.v1.GameEvent;
import dev.tickstream.proto.v1.RecordingBlock;
import dev.tickstream.proto.v1.RecordingChunk;
import dev.tickstream.proto.v1.RecordingEnd;
import dev.tickstream.proto.v1.RecordingHeader;
import dev.tickstream.proto.v1.ServerMessage;
import dev.tickstream.proto.v1.Snapshot;
import dev.tickstream.proto.v1.Welcome;
import dev.tickstream.wire.DeltaDecoder;
import dev.tickstream.wire.EntityTable;
import dev.tickstream.wire.WireSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads a match recording ({@code GET /api/replays/<id>}, or a {@code .tsr} file of a node's
 * {@code recordDir}; the format is {@code recording.proto}) and plays it: the world at each
 * recorded tick, decoded with the same {@link DeltaDecoder} and {@link EntityTable} a live
 * client uses, so a replayed state equals the one spectators saw. Seeking decodes one chunk:
 * its keyframe and the frames after it up to the tick asked for.
 *
 * <p>Not thread-safe: one reader per thread. A file cut short (its room's node crashed) reads
 * up to its last whole chunk.
 */
public final class Recording {
  private record Chunk(int firstTick, int lastTick, RecordingChunk block) {}

  private final RecordingHeader header;
  private final RecordingEnd end;
  private final List<Chunk> chunks;
  private final WireSchema schema;
  private final int[] rates;
  // The playhead: a decoded chunk and a position in it.
  private int chunkIndex = -1;
  private List<Snapshot> frames = List.of();
  private int frame = -1;
  private EntityTable state;
  private EntityTable spare;

  private Recording(RecordingHeader header, RecordingEnd end, List<Chunk> chunks) {
    this.header = header;
    this.end = end;
    this.chunks = chunks;
    this.schema = new WireSchema(header.getWelcome().getSchema());
    this.rates = schema.rates();
    this.state = new EntityTable(schema.fieldCount());
    this.spare = new EntityTable(schema.fieldCount());
  }

  /** Reads a recording file. */
  public static Recording open(Path file) throws IOException {
    return read(Files.readAllBytes(file));
  }

  /**
   * Reads a recording from its bytes.
   *
   * @throws IOException when they are not a recording (no header, a malformed block)
   */
  public static Recording read(byte[] bytes) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    in.enableAliasing(true); // chunks keep views of `bytes`, inflated only when played
    RecordingHeader header = null;
    RecordingEnd end = null;
    List<Chunk> chunks = new ArrayList<>();
    while (!in.isAtEnd()) {
      int length = in.readRawVarint32();
      if (length < 0 || length > bytes.length - in.getTotalBytesRead()) {
        break; // cut short: keep what is whole
      }
      RecordingBlock b = RecordingBlock.parseFrom(in.readRawBytes(length));
      switch (b.getBlockCase()) {
        case HEADER -> header = b.getHeader();
        case CHUNK -> {
          RecordingChunk c = b.getChunk();
          if (header == null || (!chunks.isEmpty()
              && c.getFirstTick() <= chunks.get(chunks.size() - 1).lastTick)) {
            throw new IOException("chunk out of order at tick " + c.getFirstTick());
          }
          chunks.add(new Chunk(c.getFirstTick(), c.getLastTick(), c));
        }
        case END -> end = b.getEnd();
        default -> { } // a block of a later version: skipped
      }
    }
    if (header == null || header.getVersion() != 1) {
      throw new IOException("not a version 1 Tickstream recording");
    }
    return new Recording(header, end, chunks);
  }

  public RecordingHeader header() {
    return header;
  }

  /** The Welcome a spectator of the room received: rates, map, schema, constants. */
  public Welcome welcome() {
    return header.getWelcome();
  }

  public WireSchema schema() {
    return schema;
  }

  /** The end block, or null for a recording cut short or still being written. */
  public RecordingEnd end() {
    return end;
  }

  /** Tick of the first frame (0 when the recording holds none). */
  public int firstTick() {
    return chunks.isEmpty() ? 0 : chunks.get(0).firstTick;
  }

  /** Tick of the last frame (0 when the recording holds none). */
  public int lastTick() {
    return chunks.isEmpty() ? 0 : chunks.get(chunks.size() - 1).lastTick;
  }

  /** Ticks of the keyframes (where each chunk starts). */
  public int[] keyframeTicks() {
    return chunks.stream().mapToInt(Chunk::firstTick).toArray();
  }

  /**
   * Moves the playhead to the last frame at or before {@code tick} (the first frame when
   * {@code tick} is earlier) and decodes the world there; returns that frame's tick, 0 when
   * the recording is empty.
   */
  public int seek(int tick) throws IOException {
    if (chunks.isEmpty()) {
      return 0;
    }
    int lo = 0;
    int hi = chunks.size() - 1;
    while (lo < hi) { // the last chunk starting at or before tick
      int mid = (lo + hi + 1) >>> 1;
      if (chunks.get(mid).firstTick <= tick) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    if (lo != chunkIndex || frame < 0 || frames.get(frame).getTick() > tick) {
      load(lo);
      apply(0);
    }
    while (frame + 1 < frames.size() && frames.get(frame + 1).getTick() <= tick) {
      apply(frame + 1);
    }
    return tick();
  }

  /**
   * Advances to the next frame; false at the end. Before any seek it starts at the first
   * frame.
   */
  public boolean next() throws IOException {
    if (chunkIndex < 0) {
      return seek(0) != 0;
    }
    if (frame + 1 < frames.size()) {
      apply(frame + 1);
      return true;
    }
    if (chunkIndex + 1 >= chunks.size()) {
      return false;
    }
    // The next chunk starts with a keyframe; the state carries on from it.
    load(chunkIndex + 1);
    apply(0);
    return true;
  }

  /** Tick of the frame under the playhead (0 before the first seek or next). */
  public int tick() {
    return frame < 0 ? 0 : frames.get(frame).getTick();
  }

  /** The world at {@link #tick()}; valid until the playhead moves. */
  public EntityTable state() {
    return state;
  }

  /** The frame under the playhead: its delta, its base and its game events. */
  public Snapshot snapshot() {
    return frames.get(frame);
  }

  /** The game events the frame under the playhead carried (the tick's, as spectators got). */
  public List<GameEvent> events() {
    return frame < 0 ? List.of() : frames.get(frame).getEventsList();
  }

  private void apply(int i) {
    Snapshot s = frames.get(i);
    if (s.getBaseTick() != 0 && (i == 0 || frames.get(i - 1).getTick() != s.getBaseTick())) {
      throw new IllegalStateException("frame " + s.getTick() + " is a delta against "
          + s.getBaseTick() + ", which is not the frame before it");
    }
    DeltaDecoder.apply(s.getBaseTick() == 0 ? null : state, s, spare, rates);
    EntityTable t = state;
    state = spare;
    spare = t;
    frame = i;
  }

  private void load(int index) throws IOException {
    RecordingChunk c = chunks.get(index).block;
    byte[] raw = inflate(c.getData().toByteArray());
    CodedInputStream in = CodedInputStream.newInstance(raw);
    List<Snapshot> list = new ArrayList<>(c.getFrames());
    while (!in.isAtEnd()) {
      int length = in.readRawVarint32();
      ServerMessage m = ServerMessage.parseFrom(in.readRawBytes(length));
      if (!m.hasSnapshot()) {
        throw new IOException("a recording frame that is not a snapshot");
      }
      list.add(m.getSnapshot());
    }
    if (list.isEmpty() || list.get(0).getBaseTick() != 0) {
      throw new IOException("chunk at tick " + c.getFirstTick() + " does not start complete");
    }
    frames = list;
    chunkIndex = index;
    frame = -1;
  }

  private static byte[] inflate(byte[] packed) throws IOException {
    Inflater inf = new Inflater();
    try {
      inf.setInput(packed);
      ByteArrayOutputStream out = new ByteArrayOutputStream(packed.length * 4);
      byte[] buf = new byte[16384];
      while (!inf.finished()) {
        int n = inf.inflate(buf);
        if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
          throw new IOException("a chunk's data is cut short");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new InvalidProtocolBufferException("a chunk's data is not zlib: " + e.getMessage());
    } finally {
      inf.end();
    }
  }

  @Override
  public String toString() {
    return "recording " + header.getId() + " (" + header.getGame() + ", ticks " + firstTick()
        + ".." + lastTick() + ", " + chunks.size() + " chunks)";
  }
}
