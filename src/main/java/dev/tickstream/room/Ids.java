package dev.tickstream.room;

import java.security.SecureRandom;

/** Random, unguessable ids for rooms and seats. */
final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

  private Ids() {}

  static String roomId() {
    return "r" + random(7);
  }

  /** A private room's join code: 6 characters people can read aloud (no 0/O, 1/I/L). */
  static String privateCode() {
    char[] c = new char[6];
    for (int i = 0; i < c.length; i++) {
      c[i] = CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length()));
    }
    return new String(c);
  }

  static final String CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

  /** Seat ids start with the role's letter, so a lapsed reservation knows which count to free. */
  static String seatId(Role role) {
    return (role == Role.PLAYER ? "p" : "s") + random(15);
  }

  private static String random(int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(c);
  }
}
