package dev.tickstream.room;

/** One seat's session state inside a room. Confined to the room's thread. */
final class Member {
  final Seat seat;
  final String name;
  final int entityId;
  /** Current connection; null while disconnected (within the reconnect grace). */
  ClientLink link;
  /** Tick of the snapshot the client last acknowledged (0: none, send a full one). */
  int ackTick;
  /** Tick of the last snapshot written to it: acks beyond it are lies and are ignored. */
  int lastSentTick;
  int lastInputSeq;
  long lastWriteNanos;
  long disconnectedAtNanos;
  /** Last known view centre, used while the member's entity is missing from the world. */
  int viewX;
  int viewY;
  private dev.tickstream.sync.ViewRing views;

  Member(Seat seat, String name, int entityId) {
    this.seat = seat;
    this.name = name;
    this.entityId = entityId;
  }

  void connect(ClientLink link, long now) {
    this.link = link;
    ackTick = 0;
    lastSentTick = 0;
    lastInputSeq = 0;
    lastWriteNanos = now;
    disconnectedAtNanos = 0;
    if (views != null) {
      views.clear();
    }
  }

  /** What this member was sent, by tick (only for views narrower than the room). */
  dev.tickstream.sync.ViewRing views(int capacity) {
    if (views == null) {
      views = new dev.tickstream.sync.ViewRing(capacity);
    }
    return views;
  }

  /**
   * The tick to diff against: the last snapshot written to this connection when
   * {@code againstSent} (the socket is a TCP stream, so what was written arrives, in order, or
   * the session ends), else the last one the client acknowledged.
   */
  int baseTick(boolean againstSent) {
    return againstSent ? lastSentTick : ackTick;
  }

  void acknowledge(int tick) {
    if (tick > ackTick && tick <= lastSentTick) {
      ackTick = tick;
    }
  }

  boolean isPlayer() {
    return seat.role() == Role.PLAYER;
  }
}
