package dev.tickstream.room;

import dev.tickstream.sim.Player;
import dev.tickstream.sync.ViewRing;
import java.util.ArrayDeque;

/**
 * One seat's session state inside a room; the game sees a player's as a {@link Player}.
 * Confined to the room's thread.
 */
final class Member implements Player {
  final Seat seat;
  final String name;
  final int number;
  int entityId;
  /** Current connection; null while disconnected (within the reconnect grace). */
  ClientLink link;
  /** Tick of the snapshot the client last acknowledged (0: none, send a full one). */
  int ackTick;
  /** Tick of the last snapshot written to it: acks beyond it are lies and are ignored. */
  int lastSentTick;
  /** Last applied input sequence number, compared unsigned. */
  int lastInputSeq;
  long lastWriteNanos;
  long disconnectedAtNanos;
  /** A delayed spectator's delay in ticks (0: live); it is fed from the room's {@link Tape}. */
  int delayTicks;
  /** The tape frame a delayed spectator gets next (the tape's sequence number). */
  long tapeNext;
  /** True from the game's onJoin until its onLeave (players only). */
  boolean seated;
  /**
   * The views this member was sent and where the last was centred (the encoder's). Made
   * first, so that it lies beside the member the fan-out reads every tick.
   */
  final ViewRing view = new ViewRing();
  /** Game events not yet written to this connection, oldest first. */
  final ArrayDeque<RoomEvents.Out> events = new ArrayDeque<>();

  Member(Seat seat, String name, int number, int entityId) {
    this.seat = seat;
    this.name = name;
    this.number = number;
    this.entityId = entityId;
  }

  void connect(ClientLink link, long now) {
    this.link = link;
    ackTick = 0;
    lastSentTick = 0;
    lastInputSeq = 0;
    lastWriteNanos = now;
    disconnectedAtNanos = 0;
    events.clear(); // a new connection starts from a full snapshot; old events are moot
    view.clear();
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

  @Override
  public int id() {
    return number;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int entityId() {
    return entityId;
  }

  @Override
  public boolean connected() {
    return link != null;
  }

  @Override
  public String toString() {
    return "player " + number + " (" + name + ", entity " + entityId + ")";
  }
}
