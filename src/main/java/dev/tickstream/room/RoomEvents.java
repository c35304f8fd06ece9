package dev.tickstream.room;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import dev.tickstream.proto.v1.GameEvent;
import dev.tickstream.wire.EntityTable;
import dev.tickstream.sim.GameSpec;
import dev.tickstream.sync.Wire;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The game's events on their way to clients. An event is encoded once when the game emits it;
 * at the next snapshot each one is routed, in emission order, to the outbox of every member it
 * addresses (one player, everyone, or those whose view holds a point or an entity), and each
 * outbox rides in front of that member's next frame. Confined to the room's thread.
 *
 * <p>Overflow: a member whose outbox holds more than {@code limit} events is closed (1008)
 * rather than buffered without bound or silently dropped: events are promised reliable.
 */
final class RoomEvents {
  private static final int EVENT_TAG = (10 << 3) | 2; // Snapshot.events
  private static final int EVENT_TICK_TAG = 1 << 3; // GameEvent.tick

  private enum To { ONE, ALL, POINT, ENTITY, NOBODY }

  private record Pending(To to, Member member, int x, int y, int entity, Out out) {}

  /**
   * An event as emitted: its tick, and its {@code GameEvent} type and data encoded once; the
   * tick is written per frame, and only when it is not the frame's own tick.
   */
  record Out(int tick, byte[] body) {}

  private final GameSpec<?> spec;
  private final int limit;
  private final List<Pending> pending = new ArrayList<>();
  private byte[] tail = new byte[256];
  private int tailLength;

  RoomEvents(GameSpec<?> spec, int limit) {
    this.spec = spec;
    this.limit = limit;
  }

  void toOne(Member m, int tick, Message event) {
    pending.add(new Pending(To.ONE, m, 0, 0, 0, encode(tick, event)));
  }

  void toAll(int tick, Message event) {
    pending.add(new Pending(To.ALL, null, 0, 0, 0, encode(tick, event)));
  }

  void near(int x, int y, int tick, Message event) {
    pending.add(new Pending(To.POINT, null, x, y, 0, encode(tick, event)));
  }

  void viewersOf(int entity, int tick, Message event) {
    pending.add(new Pending(To.ENTITY, null, 0, 0, entity, encode(tick, event)));
  }

  private Out encode(int tick, Message event) {
    int type = spec.eventType(event);
    if (type == 0) {
      throw new IllegalArgumentException("event type " + event.getClass().getName()
          + " is not declared in game " + spec.name() + "'s spec");
    }
    return new Out(tick, GameEvent.newBuilder().setType(type).setData(event.toByteString())
        .build().toByteArray());
  }

  boolean isEmpty() {
    return pending.isEmpty();
  }

  /**
   * Turns each event addressed to an entity's viewers into one addressed to the entity's
   * position ({@code xs}/{@code ys} by row of {@code state}; null: positions do not matter), or
   * to nobody when the entity has left the world: once per snapshot, not once per member.
   */
  void locate(EntityTable state, int[] xs, int[] ys) {
    for (int i = 0; i < pending.size(); i++) {
      Pending p = pending.get(i);
      if (p.to == To.ENTITY) {
        int row = state.indexOf(p.entity);
        pending.set(i, row < 0 ? new Pending(To.NOBODY, null, 0, 0, 0, p.out)
            : new Pending(To.POINT, null, xs == null ? 0 : xs[row], ys == null ? 0 : ys[row],
                0, p.out));
      }
    }
  }

  /**
   * Routes the pending events (after {@link #locate}) into {@code m}'s outbox. With
   * {@code seesAll} every view holds every point; otherwise a point is held within
   * {@code radius} of ({@code cx}, {@code cy}). Returns false when the outbox overflowed.
   */
  boolean route(Member m, boolean seesAll, int cx, int cy, long radius) {
    for (int i = 0; i < pending.size(); i++) {
      Pending p = pending.get(i);
      boolean to = switch (p.to) {
        case ONE -> p.member == m;
        case ALL -> true;
        case POINT -> seesAll || within(p.x, p.y, cx, cy, radius);
        case ENTITY, NOBODY -> false;
      };
      if (to) {
        m.events.add(p.out);
      }
    }
    return m.events.size() <= limit;
  }

  private static boolean within(int x, int y, int cx, int cy, long radius) {
    long dx = (long) x - cx;
    long dy = (long) y - cy;
    return dx * dx + dy * dy <= radius * radius;
  }

  /** Forgets the routed events; called after every member had its turn. */
  void clearPending() {
    pending.clear();
  }

  /**
   * Drains {@code m}'s outbox into the tail of its frame of {@code frameTick} ({@link #tail()},
   * valid until the next call); returns the tail's length.
   */
  int drain(Member m, int frameTick) {
    tailLength = 0;
    for (Out e; (e = m.events.poll()) != null; ) {
      int tickBytes = e.tick == frameTick ? 0 : 1 + CodedOutputStream.computeUInt32SizeNoTag(e.tick);
      int length = tickBytes + e.body.length;
      int need = tailLength + 1 + 5 + length;
      if (need > tail.length) {
        tail = Arrays.copyOf(tail, Math.max(need, tail.length * 2));
      }
      tail[tailLength++] = (byte) EVENT_TAG;
      tailLength = Wire.writeVarint(tail, tailLength, length);
      if (tickBytes > 0) {
        tail[tailLength++] = (byte) EVENT_TICK_TAG;
        tailLength = Wire.writeVarint(tail, tailLength, e.tick);
      }
      System.arraycopy(e.body, 0, tail, tailLength, e.body.length);
      tailLength += e.body.length;
    }
    return tailLength;
  }

  byte[] tail() {
    return tail;
  }
}
