package dev.tickstream.room;

import io.vertx.core.Future;
import java.util.Map;

/**
 * Where seats come from: this node's rooms alone, or any node's rooms in a cluster. The
 * gateway asks it on matchmaking and when a client looks for its room again after a move.
 */
public interface Placements {

  /**
   * Reserves a seat in {@code request.roomId()} (null: the fullest open room of the game with
   * the same options anywhere, or a new room on the least-loaded node). Fails when there is no
   * seat, or with {@link IllegalArgumentException} for a game no node serves.
   */
  Future<Placement> place(SeatRequest request);

  /**
   * What matchmaking asks for.
   *
   * @param roomId a room to join, or null
   * @param game the game's name
   * @param options the room options to match or create with (the game reads them)
   * @param createPrivate make a new private room (joined only with its code) and seat here
   * @param code a private room's code to join, or null
   */
  record SeatRequest(Role role, String roomId, String game, Map<String, String> options,
      boolean createPrivate, String code) {
    public SeatRequest {
      options = Map.copyOf(options);
    }

    public SeatRequest(Role role, String roomId, String game, Map<String, String> options) {
      this(role, roomId, game, options, false, null);
    }
  }

  /** Where room {@code roomId} lives now: its node's WebSocket URL, or null for this node. */
  Future<String> locate(String roomId);

  /**
   * A reserved seat and the WebSocket URL of the node holding it (without query), or null
   * when it is this node, reached as the client reached it.
   */
  record Placement(Seat seat, String wsUrl, String privateCode) {
    public Placement(Seat seat, String wsUrl) {
      this(seat, wsUrl, null);
    }
  }

  /** Placements on this node only. */
  static Placements local(Rooms rooms) {
    return new Placements() {
      @Override
      public Future<Placement> place(SeatRequest r) {
        Seat seat;
        try {
          seat = r.code() != null ? rooms.reserveByCode(r.role(), r.code())
              : r.createPrivate() ? rooms.reservePrivate(r.role(), r.game(), r.options())
              : rooms.reserve(r.role(), r.roomId(), r.game(), r.options());
        } catch (RuntimeException e) {
          return Future.failedFuture(e);
        }
        String asked = r.code() != null ? "with code " + r.code() : r.roomId();
        return seat == null
            ? Future.failedFuture(new NoSeatException(r.role(), asked))
            : Future.succeededFuture(new Placement(seat, null,
                rooms.get(seat.roomId()).privateCode()));
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
