package dev.tickstream.loadtest;

import java.util.Locale;

/**
 * The ways a chaos bot misbehaves, each with what the server must answer (README "Hardening").
 * {@code expectedCode} 0 means "no close": the reconnector must be resumed on the same entity.
 */
enum ChaosKind {
  /** One frame that is not a ClientMessage (an invalid wire type, then random bytes). */
  GARBAGE(1007),
  /** One binary frame of {@link ChaosAct#OVERSIZE_BYTES}: over maxFrameBytes (1024 default). */
  OVERSIZE(1009),
  /** {@link ChaosAct#FLOOD_PER_BEAT} inputs a beat, far above inputsPerSecond: input abuse. */
  FLOOD(1008),
  /** Stops reading (socket paused) but keeps sending: skipped, then closed after the stall. */
  STALL(1008),
  /** One text frame. */
  TEXT(1003),
  /**
   * Goes away without a {@code Leave} (a close the server cannot tell from a lost connection:
   * Vert.x reports both as 1000), then resumes with its token.
   */
  RECONNECT(0);

  final int expectedCode;

  ChaosKind(int expectedCode) {
    this.expectedCode = expectedCode;
  }

  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  String expected() {
    return expectedCode == 0 ? "resumed" : String.valueOf(expectedCode);
  }
}
