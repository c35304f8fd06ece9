package dev.tickstream.loadtest;

import dev.tickstream.proto.v1.Welcome;

/**
 * A bot's client-side prediction of its own position in the arena, kept only to measure how far
 * the server's answer moves it (the correction a predicting client would show). Each input sent
 * moves the predicted position by what the server does with one input at full tick rate: the
 * stick's direction at {@code playerSpeed} (scaled by the stick's length, at most 127) for one
 * input period, clamped {@code playerRadius} from the walls. When a snapshot acknowledges input
 * {@code a}, the correction is the distance between the position predicted for {@code a} and the
 * server's; the prediction is then replayed from the server's position over the inputs not yet
 * acknowledged (reconciliation).
 *
 * <p>On a clean link the corrections are near zero; jitter and stalls bunch inputs up at the
 * server (several arrive in one tick, then none), which is what the figure shows. A jump of more
 * than a second's run is a respawn, counted apart. Owned by the bot's loop thread.
 */
final class Prediction {
  private static final int RING = 256;

  private final double perInput;
  private final double minX;
  private final double maxX;
  private final double minY;
  private final double maxY;
  private final double teleport;
  private final double[] dx = new double[RING];
  private final double[] dy = new double[RING];
  private final double[] px = new double[RING];
  private final double[] py = new double[RING];
  /** Newest input sent, and the newest the server acknowledged with a known position. */
  private int sent;
  private int acked = -1;

  private Prediction(Welcome w, int inputHz) {
    double speed = w.getConstantsOrThrow("playerSpeed");
    double radius = w.getConstantsOrDefault("playerRadius", 0);
    this.perInput = speed / inputHz;
    this.minX = radius;
    this.maxX = w.getMapWidth() - radius;
    this.minY = radius;
    this.maxY = w.getMapHeight() - radius;
    this.teleport = speed;
  }

  /** A predictor for a game with the arena's movement constants; null for any other. */
  static Prediction of(Welcome w, int inputHz) {
    return w.containsConstants("playerSpeed") && w.getMapWidth() > 0 ? new Prediction(w, inputHz)
        : null;
  }

  /** Input {@code seq} was sent with this stick. */
  void sent(int seq, int moveX, int moveY) {
    double len = Math.sqrt((double) moveX * moveX + (double) moveY * moveY);
    double step = len == 0 ? 0 : perInput * Math.min(1.0, len / 127.0) / len;
    int i = Math.floorMod(seq, RING);
    dx[i] = moveX * step;
    dy[i] = moveY * step;
    if (acked >= 0 && seq - acked < RING) {
      int p = Math.floorMod(seq - 1, RING);
      px[i] = clamp(px[p] + dx[i], minX, maxX);
      py[i] = clamp(py[p] + dy[i], minY, maxY);
    }
    sent = seq;
  }

  /**
   * The server says input {@code seq} is applied and the bot is at ({@code x}, {@code y}).
   * Returns the correction in map units, or NaN when there was no prediction to correct (the
   * first acknowledgement, an input too old to remember) or the bot was respawned.
   */
  double acked(int seq, double x, double y) {
    double correction = Double.NaN;
    if (acked >= 0 && seq > acked && sent - seq < RING && seq <= sent) {
      int i = Math.floorMod(seq, RING);
      correction = Math.hypot(px[i] - x, py[i] - y);
      if (correction > teleport) {
        correction = Double.POSITIVE_INFINITY;
      }
    } else if (acked >= 0 && seq <= acked) {
      return Double.NaN; // nothing newly acknowledged
    }
    acked = seq;
    int i = Math.floorMod(seq, RING);
    px[i] = x;
    py[i] = y;
    // Replay what the server has not seen yet: at most the ring, a few inputs in practice.
    for (int k = seq + 1; k <= sent && k - seq < RING; k++) {
      int c = Math.floorMod(k, RING);
      int p = Math.floorMod(k - 1, RING);
      px[c] = clamp(px[p] + dx[c], minX, maxX);
      py[c] = clamp(py[p] + dy[c], minY, maxY);
    }
    return correction;
  }

  private static double clamp(double v, double lo, double hi) {
    return v < lo ? lo : (v > hi ? hi : v);
  }
}
