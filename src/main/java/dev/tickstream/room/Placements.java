package dev.tickstream.room;

import io.vertx.core.Future;

/**
 * Where seats come from: this node's rooms alone, or any node's rooms in a cluster. The
 * gateway asks it on matchmaking and when a client looks for its room again after a move.
 */
public interface Placements {

  /**
   * Reserves a seat in {@code roomId} (null: the fullest open room anywhere, or a new room on
   * the least-loaded node). Fails when there is no seat.
   */
  Future<Placement> place(Role role, String roomId);

  /** Where room {@code roomId} lives now: its node's WebSocket URL, or null for this node. */
  Future<String> locate(String roomId);

  /**
   * A reserved seat and the WebSocket URL of the node holding it (without query), or null
   * when it is this node, reached as the client reached it.
   */
  record Placement(Seat seat, String wsUrl) {}

  /** Placements on this node only. */
  static Placements local(Rooms rooms) {
    return new Placements() {
      @Override
      public Future<Placement> place(Role role, String roomId) {
        Seat seat = rooms.reserve(role, roomId);
        return seat == null
            ? Future.failedFuture(new NoSeatException(role, roomId))
            : Future.succeededFuture(new Placement(seat, null));
      }

      @Override
      public Future<String> locate(String roomId) {
        return rooms.get(roomId) == null
            ? Future.failedFuture(new NoSeatException(Role.PLAYER, roomId))
            : Future.succeededFuture(null);
      }
    };
  }

  /** No free seat (or no such room). */
  final class NoSeatException extends RuntimeException {
    public final boolean roomAsked;

    public NoSeatException(Role role, String roomId) {
      super(roomId == null ? "no free " + role.wire() + " seat"
          : "room " + roomId + " is unknown or has no free " + role.wire() + " seat", null,
          false, false);
      this.roomAsked = roomId != null;
    }
  }
}
