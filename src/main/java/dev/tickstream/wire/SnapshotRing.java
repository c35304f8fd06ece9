package dev.tickstream.wire;

import dev.tickstream.wire.EntityTable;

/**
 * The last {@code capacity} world states by tick. A client's delta is made against the state
 * it acknowledged; once that state has left the ring the client gets a full snapshot instead.
 * Slots are reused, so storing a tick allocates nothing once the ring is warm.
 */
public final class SnapshotRing {
  private final EntityTable[] slots;
  private final int[] ticks;

  public SnapshotRing(int capacity, int fieldCount) {
    slots = new EntityTable[capacity];
    ticks = new int[capacity];
    for (int i = 0; i < capacity; i++) {
      slots[i] = new EntityTable(fieldCount);
    }
  }

  public int capacity() {
    return slots.length;
  }

  /** Copies {@code state} in as the state at {@code tick} (ticks are positive). */
  public EntityTable store(int tick, EntityTable state) {
    int i = tick % slots.length;
    slots[i].copyFrom(state);
    ticks[i] = tick;
    return slots[i];
  }

  /** The state at {@code tick}, or null when it is unknown or has been overwritten. */
  public EntityTable get(int tick) {
    if (tick <= 0) {
      return null;
    }
    int i = tick % slots.length;
    return ticks[i] == tick ? slots[i] : null;
  }
}
