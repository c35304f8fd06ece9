package dev.tickstream.sync;

/**
 * What {@link ViewEncoder} keeps of one client between ticks: the views it was sent (made on
 * first use, so a client that sees the whole world never holds one) and where its view was
 * last centred, for when its entity is missing from the world. Confined to the room's thread.
 */
public final class ClientView {
  private ViewRing ring;
  /** The last view's centre in wire units. */
  int x;
  int y;

  /** Forgets the views sent (a reconnect starts from a full snapshot); keeps the centre. */
  public void clear() {
    if (ring != null) {
      ring.clear();
    }
  }

  ViewRing ring(int slots) {
    if (ring == null) {
      ring = new ViewRing(slots);
    }
    return ring;
  }
}
