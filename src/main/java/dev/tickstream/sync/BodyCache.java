package dev.tickstream.sync;

import java.util.Arrays;

/**
 * The snapshot bodies encoded during one tick, by base tick: clients that acknowledged the same
 * tick share one encoding. Slots and their byte arrays are reused from tick to tick.
 */
final class BodyCache {
  private int[] baseTicks = new int[8];
  private byte[][] bytes = new byte[8][];
  private int[] lengths = new int[8];
  private int count;

  void clear() {
    count = 0;
  }

  int find(int baseTick) {
    for (int i = 0; i < count; i++) {
      if (baseTicks[i] == baseTick) {
        return i;
      }
    }
    return -1;
  }

  int put(int baseTick, byte[] src, int length) {
    if (count == baseTicks.length) {
      baseTicks = Arrays.copyOf(baseTicks, count * 2);
      bytes = Arrays.copyOf(bytes, count * 2);
      lengths = Arrays.copyOf(lengths, count * 2);
    }
    int i = count++;
    if (bytes[i] == null || bytes[i].length < length) {
      bytes[i] = new byte[Math.max(length, 256)];
    }
    System.arraycopy(src, 0, bytes[i], 0, length);
    baseTicks[i] = baseTick;
    lengths[i] = length;
    return i;
  }

  byte[] bytes(int slot) {
    return bytes[slot];
  }

  int length(int slot) {
    return lengths[slot];
  }
}
