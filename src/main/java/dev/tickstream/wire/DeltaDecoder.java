package dev.tickstream.wire;

import dev.tickstream.proto.v1.Snapshot;
import dev.tickstream.wire.EntityTable;

/**
 * Applies a {@code Snapshot} to the receiver's state at its base tick, producing the state at
 * its tick. The client SDK and tests use it; it checks the message's shape and throws
 * {@link IllegalArgumentException} on anything malformed rather than building a wrong world.
 */
public final class DeltaDecoder {
  private DeltaDecoder() {}

  /**
   * Writes into {@code out} the state at {@code msg.getTick()}: {@code base} (the state at
   * {@code msg.getBaseTick()}, or null when the base tick is 0) with the delta applied.
   */
  public static void apply(EntityTable base, Snapshot msg, EntityTable out) {
    apply(base, msg, out, null);
  }

  /**
   * As {@link #apply(EntityTable, Snapshot, EntityTable)}, with rate fields (the schema's
   * {@code FieldSpec.rate}, see {@link WireSchema#rates()}): every entity kept from the base
   * first moves by rate times the ticks since the base, whether or not the snapshot lists it.
   */
  public static void apply(EntityTable base, Snapshot msg, EntityTable out, int[] rateOf) {
    int ticks = msg.getTick() - msg.getBaseTick();
    if (msg.getBaseTick() != 0 && base == null) {
      throw new IllegalArgumentException("missing base state for tick " + msg.getBaseTick());
    }
    if (msg.getIdsCount() != msg.getMasksCount()) {
      throw new IllegalArgumentException("ids and masks differ in length");
    }
    int fields = out.fieldCount();
    out.clear();
    int bn = msg.getBaseTick() == 0 || base == null ? 0 : base.size();
    int b = 0;
    int r = 0;
    int nextRemoved = msg.getRemovedCount() > 0 ? msg.getRemoved(0) : Integer.MAX_VALUE;
    int u = 0;
    int nextId = msg.getIdsCount() > 0 ? msg.getIds(0) : Integer.MAX_VALUE;
    int v = 0;
    while (b < bn || u < msg.getIdsCount()) {
      int baseId = b < bn ? base.id(b) : Integer.MAX_VALUE;
      if (b < bn && baseId == nextRemoved) {
        b++;
        r++;
        nextRemoved = r < msg.getRemovedCount() ? add(nextRemoved, msg.getRemoved(r)) : Integer.MAX_VALUE;
        continue;
      }
      if (baseId < nextId) {
        int row = out.add(baseId, base.name(b));
        for (int f = 0; f < fields; f++) {
          out.set(row, f, predicted(base, b, f, rateOf, ticks));
        }
        b++;
        continue;
      }
      boolean known = baseId == nextId;
      int row = out.add(nextId, known ? base.name(b) : null);
      int mask = msg.getMasks(u);
      if ((mask >>> fields) != 0) {
        throw new IllegalArgumentException("mask has bits beyond field " + fields);
      }
      for (int f = 0; f < fields; f++) {
        int value = known ? predicted(base, b, f, rateOf, ticks) : 0;
        if ((mask & (1 << f)) != 0) {
          if (v >= msg.getValuesCount()) {
            throw new IllegalArgumentException("values run out at entity " + nextId);
          }
          value += msg.getValues(v++);
        }
        out.set(row, f, value);
      }
      if (known) {
        b++;
      }
      u++;
      nextId = u < msg.getIdsCount() ? add(nextId, msg.getIds(u)) : Integer.MAX_VALUE;
    }
    if (v != msg.getValuesCount()) {
      throw new IllegalArgumentException("unused values: " + (msg.getValuesCount() - v));
    }
    if (r != msg.getRemovedCount()) {
      throw new IllegalArgumentException("removed an entity that the base does not hold");
    }
    if (msg.getNameIdsCount() != msg.getNamesCount()) {
      throw new IllegalArgumentException("name_ids and names differ in length");
    }
    for (int i = 0; i < msg.getNameIdsCount(); i++) {
      int row = out.indexOf(msg.getNameIds(i));
      if (row < 0) {
        throw new IllegalArgumentException("name for unknown entity " + msg.getNameIds(i));
      }
      String name = msg.getNames(i);
      out.setName(row, name.isEmpty() ? null : name);
    }
  }

  private static int predicted(EntityTable base, int row, int f, int[] rateOf, int ticks) {
    int v = base.get(row, f);
    return rateOf == null || rateOf[f] < 0 ? v : v + base.get(row, rateOf[f]) * ticks;
  }

  private static int add(int prev, int delta) {
    if (delta <= 0) {
      throw new IllegalArgumentException("ids must be strictly ascending");
    }
    return prev + delta;
  }
}
