package dev.tickstream.room;

import dev.tickstream.sim.EntitySchema;
import dev.tickstream.sim.Game;
import dev.tickstream.sim.GameSpec;
import dev.tickstream.sim.PositionHistory;
import dev.tickstream.sync.SnapshotFrames;
import dev.tickstream.sync.ViewEncoder;
import dev.tickstream.wire.EntityTable;
import dev.tickstream.wire.SnapshotRing;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * Writes one tick's snapshot to every connected member of a room: a delta against the last
 * snapshot written to that member (or, with {@code deltaBase=acked}, the last it
 * acknowledged), limited to its area of interest when the room has a view radius; the body is
 * the {@link ViewEncoder}'s, and each member's game events ride behind it. This class keeps
 * the sockets, the skips of slow ones and the metrics. Confined to the room's thread.
 */
final class SnapshotFanout {
  private final RoomEvents events;
  private final RoomOptions options;
  private final RoomMetrics metrics;
  private final ViewEncoder views;
  private RoomObserver observer = RoomObserver.NONE;
  private final RoomObserver.Sent seen = new RoomObserver.Sent();
  /** Frames to sockets on other event loops: one task per loop per tick. */
  final LoopBatches batches = new LoopBatches();
  /** The room's spectator stream, kept for its recording and delayed spectators. */
  final Tape tape;
  volatile long bytesOut;
  volatile long skipped;

  SnapshotFanout(GameSpec<?> spec, Game<?> game, PositionHistory history, RoomOptions options,
      SnapshotRing ring, RoomMetrics metrics, RoomEvents events) {
    this.events = events;
    this.options = options;
    this.metrics = metrics;
    EntitySchema schema = spec.schema();
    int radius = schema.xField() >= 0 && schema.yField() >= 0
        ? options.viewRadius() * spec.positionScale() : 0;
    ViewEncoder.Interest interest = radius <= 0 ? null : new ViewEncoder.Interest(
        spec.mapWidth() * spec.positionScale(), spec.mapHeight() * spec.positionScale(), radius,
        schema.xField(), schema.yField(),
        // The tick's positions were already asked of the game for the rewind history.
        (state, tick, xs, ys) -> history.copyPositions(tick, xs, ys)
            || game.positions(state, tick, xs, ys));
    // Against the last view sent, only that view is ever read: two slots, not the history,
    // keep a thousand clients' views in cache rather than in a hundred megabytes.
    this.tape = new Tape(options.keyframeTicks(),
        options.spectatorMaxDelaySeconds() * options.tickRate());
    this.views = new ViewEncoder(schema.rates(), ring,
        options.deltaAgainstSent() ? 2 : options.snapshotHistory(), interest);
  }

  void observer(RoomObserver observer) {
    this.observer = observer == null ? RoomObserver.NONE : observer;
  }

  void send(int tick, EntityTable state, List<Member> connected, long now) {
    views.beginTick(tick, state);
    int members = connected.size();
    for (int i = 0; i < members; i++) {
      Member m = connected.get(i);
      views.locate(i, m.entityId, m.view);
    }
    int[] order = views.order(members);
    if (!events.isEmpty()) {
      events.locate(state, views.xs(), views.ys());
    }
    // Counted per tick, not per member: a volatile write and two counter updates per member
    // are three thousand atomic operations a tick at 1,000 players.
    if (tape.active()) {
      tapeFrame(tick, state, members);
    }
    long bytes = 0;
    int frames = 0;
    for (int j = 0; j < members; j++) {
      int i = order[j];
      Member member = connected.get(i);
      ClientLink link = member.link;
      if (member.delayTicks > 0) {
        tape.feed(member, tick); // its events ride in the tape's frames
        continue;
      }
      if (!events.isEmpty() && !routeEvents(member, i)) {
        metrics.stalledClosed.increment();
        link.close((short) 1008, "connection too slow: more than " + options.eventBuffer()
            + " game events unread", null);
        continue;
      }
      if (link.writeQueueFull()) {
        // Skipping loses nothing: the next delta is still made against a snapshot the client
        // has (the last one written, or the last one it acknowledged).
        skipped++;
        metrics.snapshotsSkipped.increment();
        if (now - member.lastWriteNanos > options.stallTimeoutMs() * 1_000_000L) {
          metrics.stalledClosed.increment();
          link.close((short) 1008, "connection too slow: no snapshot delivered for "
              + options.stallTimeoutMs() + " ms", null);
        }
        continue;
      }
      Buffer frame = frame(tick, state, member, i);
      batches.send(link, frame);
      bytes += frame.length();
      frames++;
      member.lastSentTick = tick;
      member.lastWriteNanos = now;
    }
    batches.flush();
    events.clearPending();
    views.endTick();
    if (frames > 0) {
      bytesOut += bytes;
      metrics.bytesOut.increment(bytes);
      metrics.snapshotsSent.increment(frames);
    }
  }

  /**
   * The tape's frame of this tick: what a spectator gets, against the tape's last frame, or
   * complete at a keyframe. Its body is shared with live spectators on the same base.
   */
  private void tapeFrame(int tick, EntityTable state, int index) {
    Member m = tape.member;
    events.route(m, true, 0, 0, 0);
    boolean key = tape.keyframeDue(tick);
    views.encode(index, m.view, true, key ? 0 : m.lastSentTick, m.lastSentTick);
    int tail = m.events.isEmpty() ? 0 : events.drain(m, tick);
    tape.add(tick, views.baseTick(), views.bytes(), views.length(), events.tail(), tail, key,
        state);
  }

  /** Routes the tick's events to a member, by its view; false when its outbox overflowed. */
  private boolean routeEvents(Member member, int index) {
    boolean seesAll = !views.hasInterest() || !member.isPlayer();
    return events.route(member, seesAll, seesAll ? 0 : views.centreX(index),
        seesAll ? 0 : views.centreY(index), views.radius());
  }

  /** The member's frame: its body from the encoder, its events behind it. */
  private Buffer frame(int tick, EntityTable state, Member member, int index) {
    views.encode(index, member.view, !member.isPlayer(),
        member.baseTick(options.deltaAgainstSent()), member.lastSentTick);
    int baseTick = views.baseTick();
    int tail = member.events.isEmpty() ? 0 : events.drain(member, tick);
    if (observer != RoomObserver.NONE) {
      seen.set(member.entityId, tick, state, views.rows(), views.count(), baseTick,
          views.base(), views.baseRows(), views.baseCount(), SnapshotFrames.frameLength(tick,
              baseTick, member.lastInputSeq, views.length() + tail));
      observer.sent(seen);
    }
    return SnapshotFrames.frame(tick, baseTick, member.lastInputSeq, views.bytes(),
        views.length(), events.tail(), tail);
  }
}
