package dev.tickstream.room;

import dev.tickstream.wire.EntityTable;

/**
 * Sees what a room does, for tools and tests (the bandwidth report, mirror tests): each tick's
 * state, and each snapshot written to a member. One observer per room, called on the room's
 * thread; what it is given is valid during the call only.
 */
public interface RoomObserver {

  /** Observes nothing. */
  RoomObserver NONE = new RoomObserver() {};

  /** The state of {@code tick}, just stored, before its snapshots are sent. */
  default void ticked(String roomId, int tick, EntityTable state) {}

  /** One snapshot written to a member (see {@link Sent}). */
  default void sent(Sent sent) {}

  /**
   * One member's snapshot: the view of {@link #state()} it was sent ({@link #rows()}{@code
   * [0..n)}, null rows: all of it) against the view of {@link #base()} it had (null: a full
   * snapshot), and the frame's size. Reused from one call to the next.
   */
  final class Sent {
    int entityId;
    int tick;
    EntityTable state;
    int[] rows;
    int n;
    int baseTick;
    EntityTable base;
    int[] baseRows;
    int baseCount;
    int frameBytes;

    void set(int entityId, int tick, EntityTable state, int[] rows, int n, int baseTick,
        EntityTable base, int[] baseRows, int baseCount, int frameBytes) {
      this.entityId = entityId;
      this.tick = tick;
      this.state = state;
      this.rows = rows;
      this.n = n;
      this.baseTick = baseTick;
      this.base = base;
      this.baseRows = baseRows;
      this.baseCount = baseCount;
      this.frameBytes = frameBytes;
    }

    /** The member's entity (0 for a spectator). */
    public int entityId() {
      return entityId;
    }

    public int tick() {
      return tick;
    }

    public EntityTable state() {
      return state;
    }

    /** The rows of {@link #state()} in the member's view, ascending; null: every row. */
    public int[] rows() {
      return rows;
    }

    /** How many of {@link #rows()} count (the state's size when rows is null). */
    public int n() {
      return n;
    }

    /** The tick the snapshot is a delta against, 0 for a full one. */
    public int baseTick() {
      return baseTick;
    }

    /** The state at {@link #baseTick()}, null for a full snapshot. */
    public EntityTable base() {
      return base;
    }

    /** The rows of {@link #base()} the member had; null: every row. */
    public int[] baseRows() {
      return baseRows;
    }

    public int baseCount() {
      return baseCount;
    }

    /** The whole frame's size in bytes, the member's events included. */
    public int frameBytes() {
      return frameBytes;
    }

    /** The hash of the view sent, as the client's mirror would hash it. */
    public long viewHash() {
      return rows == null ? state.hash() : state.hash(rows, n);
    }
  }
}
