package dev.tickstream.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A row's memo entry gives back every part packed into it, at the extremes of each. */
class RowMemoTest {

  @Test
  void entryRoundTripsMaskSizeStartAndNameBitAtTheirExtremes() {
    int[] masks = {0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF};
    int[] sizes = {0, 1, 160, 255};
    int[] starts = {0, 1, RowMemo.MAX_START};
    SplittableRandom rnd = new SplittableRandom(3);
    for (int round = 0; round < 2_000; round++) {
      int mask = round < 100 ? masks[round % masks.length] : rnd.nextInt();
      int size = round < 100 ? sizes[round % sizes.length] : rnd.nextInt(256);
      int start = round < 100 ? starts[round % starts.length] : rnd.nextInt(RowMemo.MAX_START + 1);
      boolean name = rnd.nextBoolean();
      long entry = RowMemo.entry(mask, size, start, name);
      assertNotEquals(0L, entry, "a computed entry never reads as not yet computed");
      assertEquals(mask, (int) entry);
      assertEquals(size, RowMemo.size(entry));
      assertEquals(start, RowMemo.start(entry));
      assertEquals(name, entry < 0);
    }
  }
}
