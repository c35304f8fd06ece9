package dev.tickstream.room;

import dev.tickstream.replay.Recorder;
import dev.tickstream.sync.SnapshotFrames;
import dev.tickstream.sync.Wire;
import dev.tickstream.wire.EntityTable;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A room's spectator stream, kept: at every send tick the frame a spectator without a delay
 * would get (the whole world, a delta against the tape's previous frame, its events), and
 * every {@code keyframeTicks} a complete one instead. It feeds a {@link Recorder} (chunk by
 * chunk, each starting with a keyframe) and delayed spectators (from the frames of the last
 * {@code maxDelayTicks}, kept in memory). Runs only while needed: from the room's start when it
 * is recorded, from the first delayed spectator otherwise. Confined to the room's thread.
 *
 * <p>Memory: the frames of the longest delay plus one keyframe interval, and never more than
 * {@link #MAX_BYTES}; past that the oldest stretch goes, and a spectator that still needed it
 * starts again from the next keyframe it may see.
 */
final class Tape {
  /** Bytes of frames kept for delayed spectators at most, per room. */
  static final int MAX_BYTES = 32 << 20;
  private static final int MAX_PLAYERS_LISTED = 256;

  private record Frame(int tick, byte[] bytes, boolean key) {}

  /** The tape's own seat: a spectator, for the encoder's base and the events' routing. */
  final Member member = new Member(new Seat("tape", "tape", Role.SPECTATOR), "tape", 0, 0);
  private final int keyframeTicks;
  private final int maxDelayTicks;
  private Recorder recorder;
  private boolean delaying;
  private int lastKeyTick;
  // The recorder's current chunk.
  private byte[] chunk = new byte[16 << 10];
  private int chunkLength;
  private int chunkFirst;
  private int chunkLast;
  private int chunkFrames;
  private final Set<String> players = new LinkedHashSet<>();
  // Frames for delayed spectators: frames.get(i) has sequence number head + i.
  private final List<Frame> frames = new ArrayList<>();
  private long head;
  private long bytes;

  Tape(int keyframeTicks, int maxDelayTicks) {
    this.keyframeTicks = Math.max(1, keyframeTicks);
    this.maxDelayTicks = maxDelayTicks;
  }

  boolean active() {
    return delaying || (recorder != null && !recorder.stopped());
  }

  void record(Recorder recorder) {
    this.recorder = recorder;
  }

  /** Keeps frames for delayed spectators from now on. */
  void delay() {
    if (!active()) {
      member.lastSentTick = 0; // a stopped tape starts again from a keyframe
    }
    delaying = true;
  }

  /** Whether this tick's frame must be complete: the first, then every keyframe interval. */
  boolean keyframeDue(int tick) {
    return member.lastSentTick == 0 || tick - lastKeyTick >= keyframeTicks;
  }

  /**
   * Takes this tick's frame: its body against {@code baseTick} and its events' tail
   * ({@code key}: complete); {@code state} is the tick's world. Written straight into the
   * chunk (no buffer per frame); a copy is kept only for delayed spectators.
   */
  void add(int tick, int baseTick, byte[] body, int bodyLength, byte[] tail, int tailLength,
      boolean key, EntityTable state) {
    member.lastSentTick = tick;
    int length = SnapshotFrames.frameLength(tick, baseTick, 0, bodyLength + tailLength);
    if (key) {
      lastKeyTick = tick;
      names(state);
    }
    if (recorder != null && !recorder.stopped()) {
      if (key) {
        flushChunk();
        chunkFirst = tick;
      }
      int need = chunkLength + 5 + length;
      if (need > chunk.length) {
        chunk = Arrays.copyOf(chunk, Math.max(need, chunk.length * 2));
      }
      chunkLength = Wire.writeVarint(chunk, chunkLength, length);
      chunkLength = SnapshotFrames.write(chunk, chunkLength, tick, baseTick, 0, body, bodyLength,
          tail, tailLength);
      chunkLast = tick;
      chunkFrames++;
    }
    if (delaying) {
      byte[] b = new byte[length];
      SnapshotFrames.write(b, 0, tick, baseTick, 0, body, bodyLength, tail, tailLength);
      frames.add(new Frame(tick, b, key));
      bytes += b.length;
      trim(tick);
    }
  }

  private void names(EntityTable state) {
    for (int r = 0; r < state.size() && players.size() < MAX_PLAYERS_LISTED; r++) {
      if (state.name(r) != null) {
        players.add(state.name(r));
      }
    }
  }

  private void flushChunk() {
    if (chunkFrames > 0) {
      recorder.chunk(chunkFirst, chunkLast, chunkFrames, chunk, chunkLength,
          List.copyOf(players));
    }
    chunkLength = 0;
    chunkFrames = 0;
  }

  /**
   * Drops whole keyframe stretches nobody can need: those that end before the longest delay
   * (the stretch holding now - maxDelay stays, its keyframe first), or beyond the byte bound.
   */
  private void trim(int tick) {
    int horizon = tick - maxDelayTicks;
    while (true) {
      int next = nextKey(1);
      if (next < 0 || (frames.get(next).tick > horizon && bytes <= MAX_BYTES)) {
        return;
      }
      for (int i = 0; i < next; i++) {
        bytes -= frames.get(i).bytes.length;
      }
      frames.subList(0, next).clear();
      head += next;
    }
  }

  /** Index of the first keyframe at or after {@code from}, or -1. */
  private int nextKey(int from) {
    for (int i = from; i < frames.size(); i++) {
      if (frames.get(i).key) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Writes to a delayed spectator every kept frame it has not had up to {@code tick - its
   * delay}, starting at the newest keyframe no newer than that when it has none yet (or fell
   * out of what is kept); nothing newer, ever.
   */
  void feed(Member m, int tick) {
    int horizon = tick - m.delayTicks;
    long next = m.tapeNext;
    if (m.lastSentTick == 0 || next < head) {
      next = -1;
      for (int i = frames.size() - 1; i >= 0; i--) {
        Frame f = frames.get(i);
        if (f.key && f.tick <= horizon) {
          next = head + i;
          break;
        }
      }
      if (next < 0) {
        return; // the room is younger than the delay (or the tape than the delay)
      }
    }
    ClientLink link = m.link;
    while (next - head < frames.size()) {
      Frame f = frames.get((int) (next - head));
      if (f.tick > horizon || link.writeQueueFull()) {
        break;
      }
      link.send(Buffer.buffer(f.bytes));
      m.lastSentTick = f.tick;
      next++;
    }
    m.tapeNext = next;
  }

  /** Ends the recording, if any (the room closes or is handed over). */
  void finish(String reason) {
    if (recorder != null && !recorder.stopped()) {
      flushChunk();
      recorder.finish(List.copyOf(players), reason);
    }
  }
}
