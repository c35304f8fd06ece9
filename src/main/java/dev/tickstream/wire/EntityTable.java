package dev.tickstream.wire;

import java.util.Arrays;

/**
 * The quantized state of a world at one tick: rows of {@code fieldCount} ints, one row per
 * entity, ids strictly ascending, plus an optional display name per row. Reused across ticks
 * (see {@link #clear}) so the tick loop does not allocate.
 */
public final class EntityTable {
  private final int fieldCount;
  private int size;
  private int[] ids = new int[64];
  private int[] values;
  private String[] names = new String[64];

  public EntityTable(int fieldCount) {
    if (fieldCount < 1 || fieldCount > 32) {
      throw new IllegalArgumentException("fieldCount must be 1..32: " + fieldCount);
    }
    this.fieldCount = fieldCount;
    this.values = new int[64 * fieldCount];
  }

  public int fieldCount() {
    return fieldCount;
  }

  public int size() {
    return size;
  }

  public void clear() {
    Arrays.fill(names, 0, size, null);
    size = 0;
  }

  /** Appends a row with all fields 0 and returns its index; ids must come in ascending order. */
  public int add(int id, String name) {
    if (id <= 0 || (size > 0 && id <= ids[size - 1])) {
      throw new IllegalArgumentException("ids must be positive and ascending: " + id);
    }
    if (size == ids.length) {
      int cap = size * 2;
      ids = Arrays.copyOf(ids, cap);
      names = Arrays.copyOf(names, cap);
      values = Arrays.copyOf(values, cap * fieldCount);
    }
    ids[size] = id;
    names[size] = name;
    Arrays.fill(values, size * fieldCount, (size + 1) * fieldCount, 0);
    return size++;
  }

  public void set(int row, int field, int value) {
    values[row * fieldCount + field] = value;
  }

  public int get(int row, int field) {
    return values[row * fieldCount + field];
  }

  public int id(int row) {
    return ids[row];
  }

  public String name(int row) {
    return names[row];
  }

  public void setName(int row, String name) {
    names[row] = name;
  }

  /** Row of {@code id}, or a negative number when absent (binary search). */
  public int indexOf(int id) {
    return Arrays.binarySearch(ids, 0, size, id);
  }

  /** Makes this table an exact copy of {@code other}. */
  public void copyFrom(EntityTable other) {
    if (other.fieldCount != fieldCount) {
      throw new IllegalArgumentException("field counts differ");
    }
    clear();
    if (ids.length < other.size) {
      ids = new int[other.ids.length];
      names = new String[other.ids.length];
      values = new int[other.ids.length * fieldCount];
    }
    System.arraycopy(other.ids, 0, ids, 0, other.size);
    System.arraycopy(other.names, 0, names, 0, other.size);
    System.arraycopy(other.values, 0, values, 0, other.size * fieldCount);
    size = other.size;
  }

  /** A 64-bit FNV-1a hash of ids, fields and names: equal tables hash equal. */
  public long hash() {
    return hash(null, size);
  }

  /** The hash a table holding only {@code rows[0..n)} (ascending; null: all) would have. */
  public long hash(int[] rows, int n) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < n; i++) {
      int r = rows == null ? i : rows[i];
      h = mix(h, ids[r]);
      for (int f = 0; f < fieldCount; f++) {
        h = mix(h, values[r * fieldCount + f]);
      }
      h = mix(h, names[r] == null ? 0 : names[r].hashCode());
    }
    return h;
  }

  private static long mix(long h, int v) {
    for (int i = 0; i < 4; i++) {
      h ^= (v >>> (8 * i)) & 0xFF;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
