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
