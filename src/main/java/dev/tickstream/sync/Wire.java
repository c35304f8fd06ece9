package dev.tickstream.sync;

import com.google.protobuf.CodedOutputStream;

/**
 * The protobuf wire writes the encoder does itself, straight into its reused array: the
 * library's writer would cost an object per snapshot and per name. Sizes and zigzag come from
 * {@code CodedOutputStream}'s static helpers.
 */
public final class Wire {
  private Wire() {}

  /** UTF-8 length of {@code s}; an unpaired surrogate counts as '?', as String.getBytes does. */
  static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += Character.isSurrogate(c) ? 1 : 3;
      }
    }
    return n;
  }

  static int writeUtf8(byte[] o, int p, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        o[p++] = (byte) c;
      } else if (c < 0x800) {
        o[p++] = (byte) (0xC0 | c >>> 6);
        o[p++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        o[p++] = (byte) (0xF0 | cp >>> 18);
        o[p++] = (byte) (0x80 | cp >>> 12 & 0x3F);
        o[p++] = (byte) (0x80 | cp >>> 6 & 0x3F);
        o[p++] = (byte) (0x80 | cp & 0x3F);
      } else if (Character.isSurrogate(c)) {
        o[p++] = (byte) '?';
      } else {
        o[p++] = (byte) (0xE0 | c >>> 12);
        o[p++] = (byte) (0x80 | c >>> 6 & 0x3F);
        o[p++] = (byte) (0x80 | c & 0x3F);
      }
    }
    return p;
  }

  public static int writeVarint(byte[] o, int p, int v) {
    while ((v & ~0x7F) != 0) {
      o[p++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    o[p++] = (byte) v;
    return p;
  }

  /** Size of a length-delimited field of {@code payload} bytes; 0 when empty (omitted). */
  static int fieldSize(int payload) {
    return payload == 0 ? 0 : 1 + CodedOutputStream.computeUInt32SizeNoTag(payload) + payload;
  }

  /** Size of {@code strings[0..n)} as a repeated string field (one tag each). */
  static int stringsSize(String[] strings, int n) {
    int size = 0;
    for (int i = 0; i < n; i++) {
      int len = utf8Length(strings[i]);
      size += 1 + CodedOutputStream.computeUInt32SizeNoTag(len) + len;
    }
    return size;
  }

  /** Writes {@code strings[0..n)} as repeated string field {@code field}; returns the end. */
  static int writeStrings(byte[] o, int p, int field, String[] strings, int n) {
    for (int i = 0; i < n; i++) {
      o[p++] = (byte) (field << 3 | 2);
      p = writeVarint(o, p, utf8Length(strings[i]));
      p = writeUtf8(o, p, strings[i]);
    }
    return p;
  }

  /** Bytes of {@code a[0..n)} as unsigned varints (a packed field's payload). */
  static int packedSize(int[] a, int n) {
    int size = 0;
    for (int i = 0; i < n; i++) {
      size += CodedOutputStream.computeUInt32SizeNoTag(a[i]);
    }
    return size;
  }

  /**
   * Writes {@code a[0..n)} as packed field {@code field} whose payload is {@code size} bytes
   * (zigzag: as sint32); nothing when empty. Returns the end.
   */
  static int writePacked(byte[] o, int p, int field, int[] a, int n, int size, boolean zigzag) {
    if (n == 0) {
      return p;
    }
    o[p++] = (byte) (field << 3 | 2);
    p = writeVarint(o, p, size);
    for (int i = 0; i < n; i++) {
      p = writeVarint(o, p, zigzag ? CodedOutputStream.encodeZigZag32(a[i]) : a[i]);
    }
    return p;
  }
}
