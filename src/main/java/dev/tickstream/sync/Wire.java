package dev.tickstream.sync;

/**
 * The protobuf wire writes the encoder does itself, straight into its reused array: the
 * library's writer would cost an object per snapshot and per name. Sizes and zigzag come from
 * {@code CodedOutputStream}'s static helpers.
 */
final class Wire {
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

  static int writeVarint(byte[] o, int p, int v) {
    while ((v & ~0x7F) != 0) {
      o[p++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    o[p++] = (byte) v;
    return p;
  }
}
