package dev.tickstream.room;

import com.google.protobuf.Message;
import dev.tickstream.proto.v1.CheckpointSeat;
import dev.tickstream.proto.v1.GameSchema;
import dev.tickstream.proto.v1.ServerMessage;
import dev.tickstream.sim.Game;
import dev.tickstream.sim.GameSpec;
import dev.tickstream.sim.JoinDecision;
import dev.tickstream.sim.JoinRequest;
import dev.tickstream.sim.LeaveReason;
import io.vertx.core.buffer.Buffer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Who is in a room: its members by seat, the connected ones, and the way in and out — a join
 * the game accepts or refuses, a resume, a drop within the reconnect grace, a leave with its
 * reason, a kick. Confined to the room's thread; every game hook it calls may throw, and the
 * room turns that into its own failure.
 */
final class Roster {
  private final Room room;
  private final Seats seats;
  private final GameHost host;
  private final RoomOptions options;
  private final GameSpec<?> spec;
  private final GameSchema schema;
  private final Function<Seat, String> resumeTokens;
  private final Map<String, Member> members = new HashMap<>();
  private final List<Member> connected = new ArrayList<>();
  private int nextPlayerNumber = 1;

  Roster(Room room, Seats seats, GameHost host, RoomOptions options, GameSpec<?> spec,
      GameSchema schema, Function<Seat, String> resumeTokens) {
    this.room = room;
    this.seats = seats;
    this.host = host;
    this.options = options;
    this.spec = spec;
    this.schema = schema;
    this.resumeTokens = resumeTokens;
  }

  private Game<Message> game() {
    return host.game();
  }

  /** The members with a connection, in joining order: whom snapshots go to. */
  List<Member> connected() {
    return connected;
  }

  /** Every seated member, connected or within its grace. */
  Collection<Member> members() {
    return members.values();
  }

  /**
   * Attaches a connection to its seat: a new seat asks the game (which may refuse: 4000) and
   * creates the player's entity; a seat whose member is still here resumes it (a newer
   * connection of the same seat replaces an open one), when {@code resume} says the client
   * came with its resume token. Throws {@link IllegalStateException} for an unknown or expired
   * seat, and for a held seat claimed again with a seat token.
   */
  void attach(Seat seat, boolean resume, ClientLink link, String name, byte[] joinData) {
    long now = System.nanoTime();
    Member member = members.get(seat.seatId());
    boolean resumed = member != null;
    if (resumed && !resume) {
      // A seat token claims its seat once; taking a held seat back needs the resume token.
      throw new IllegalStateException("seat " + seat.seatId() + " is already taken; a seat "
          + "token claims it once, a dropped player resumes with its resume token");
    }
    if (resumed) {
      if (member.link != null) {
        // The same seat connected again (a reload): the newest connection wins.
        ClientLink old = member.link;
        connected.remove(member);
        old.close((short) 1008, "session replaced by a new connection", null);
      }
    } else {
      if (!seats.reserved(seat.seatId())) {
        throw new IllegalStateException("seat " + seat.seatId() + " is unknown or expired");
      }
      boolean player = seat.role() == Role.PLAYER;
      if (!player && seat.delaySeconds() > 0 && !delayAllowed(seat, link)) {
        return;
      }
      JoinDecision d = game().onJoinRequest(new JoinRequest(name, !player, joinData,
          host.options()));
      seats.claim(seat.seatId());
      if (!d.accepted()) {
        seats.release(seat.role());
        link.close((short) 4000, d.reason(), null);
        return;
      }
      member = new Member(seat, name, player ? nextPlayerNumber++ : 0, 0);
      if (!player && seat.delaySeconds() > 0) {
        member.delayTicks = seat.delaySeconds() * options.tickRate();
        room.startDelay();
      }
      members.put(seat.seatId(), member);
      if (player) {
        host.seated(member);
        member.entityId = game().onJoin(member);
      }
    }
    member.connect(link, now);
    if (resumed && member.isPlayer()) {
      game().onResume(member);
    }
    connected.add(member);
    room.listen(member, link);
    link.send(Buffer.buffer(welcome(member, resumed).toByteArray()));
  }

  /**
   * Whether a delayed spectator may join: its delay within the node's bound (matchmaking
   * checked it; a token of another node's settings may not agree) and a delayed seat free.
   * Otherwise its seat is released and the session closed with 1008 and the bound.
   */
  private boolean delayAllowed(Seat seat, ClientLink link) {
    String refusal = null;
    if (seat.delaySeconds() > options.spectatorMaxDelaySeconds()) {
      refusal = "delay " + seat.delaySeconds() + " s is over this node's bound of "
          + options.spectatorMaxDelaySeconds() + " s";
    } else if (connected.stream().filter(m -> m.delayTicks > 0).count()
        >= options.maxDelayedSpectators()) {
      refusal = "room " + room.id() + " has its maximum of " + options.maxDelayedSpectators()
          + " delayed spectators";
    }
    if (refusal == null) {
      return true;
    }
    seats.claim(seat.seatId());
    seats.release(seat.role());
    link.close((short) 1008, refusal, null);
    return false;
  }

  private ServerMessage welcome(Member member, boolean resumed) {
    return ServerMessage.newBuilder().setWelcome(Welcomes.base(room.id(), spec, schema, options)
        .setRole(member.isPlayer()
            ? dev.tickstream.proto.v1.Role.ROLE_PLAYER : dev.tickstream.proto.v1.Role.ROLE_SPECTATOR)
        .setEntityId(member.entityId)
        .setTick(Math.max(0, room.currentTick() - member.delayTicks))
        .setResumed(resumed)
        .setResumeToken(resumeTokens.apply(member.seat))).build();
  }

  /**
   * A member's connection ended. A client that said {@code Leave} has left; one the server
   * closed (idle, too slow, over a limit) has timed out; one whose connection was lost or
   * closed without a word keeps its seat for the reconnect grace (a reload, a lost network).
   */
  void disconnected(Member member, ClientLink link, ClientLink.Closed how) {
    if (member.link != link) {
      return; // an old connection of a seat that has already reconnected, or a kick
    }
    member.link = null;
    connected.remove(member);
    if (room.isClosed()) {
      return; // the room's own close removes everyone
    }
    boolean left = how != null && how.how() == ClientLink.Closed.How.LEFT;
    boolean timedOut = how != null && how.how() == ClientLink.Closed.How.BY_SERVER;
    if (member.isPlayer() && options.reconnectGraceMs() > 0 && !left && !timedOut) {
      member.disconnectedAtNanos = System.nanoTime();
      game().onDrop(member);
    } else {
      remove(member, left ? LeaveReason.LEFT : timedOut ? LeaveReason.TIMED_OUT
          : LeaveReason.DROPPED);
    }
  }

  private void remove(Member member, LeaveReason reason) {
    members.remove(member.seat.seatId());
    if (member.isPlayer()) {
      host.unseated(member);
      seats.release(Role.PLAYER);
      game().onLeave(member, reason);
    } else {
      seats.release(Role.SPECTATOR);
    }
  }

  /** Carries out the kicks the game asked for during its last hook: 4001, then KICKED. */
  void carryOutKicks() {
    for (int i = 0; i < host.kicks.size(); i++) {
      Member m = host.kicks.get(i);
      if (members.get(m.seat.seatId()) != m) {
        continue; // left meanwhile
      }
      if (m.link != null) {
        ClientLink link = m.link;
        m.link = null; // so its close is not taken for a drop
        connected.remove(m);
        link.close((short) 4001, host.kickReasons.get(i), null);
      }
      remove(m, LeaveReason.KICKED);
    }
    host.kicks.clear();
    host.kickReasons.clear();
  }

  /** Players whose reconnect grace has run out by {@code now} leave (DROPPED). */
  void expireDropped(long now) {
    List<Member> expired = new ArrayList<>();
    for (Member m : members.values()) {
      if (m.link == null
          && now - m.disconnectedAtNanos > options.reconnectGraceMs() * 1_000_000L) {
        expired.add(m);
      }
    }
    expired.forEach(m -> remove(m, LeaveReason.DROPPED));
  }

  /**
   * A checkpoint's players, seated again and waiting to resume (as if each had just dropped);
   * spectators are not kept: they just matchmake again.
   */
  void restore(String roomId, List<CheckpointSeat> checkpointSeats, long now) {
    for (CheckpointSeat s : checkpointSeats) {
      if (s.getRole() != dev.tickstream.proto.v1.Role.ROLE_PLAYER) {
        continue;
      }
      int n = s.getPlayerNumber() > 0 ? s.getPlayerNumber() : nextPlayerNumber;
      nextPlayerNumber = Math.max(nextPlayerNumber, n + 1);
      Member m = new Member(new Seat(roomId, s.getSeatId(), Role.PLAYER), s.getName(), n,
          s.getEntityId());
      m.disconnectedAtNanos = now;
      members.put(m.seat.seatId(), m);
      host.seated(m);
      seats.take(Role.PLAYER);
    }
  }

  /**
   * Closes every connected session with 1001 for a hand-over: each is redirected to
   * {@code wsBaseUrl} with its seat's resume token (null: no redirect, the node is going away).
   */
  void handOver(String wsBaseUrl) {
    closeAll((short) 1001, wsBaseUrl == null ? "server shutting down"
        : "room moved to another node", m -> wsBaseUrl == null ? null : wsBaseUrl + "?token="
        + URLEncoder.encode(resumeTokens.apply(m.seat), StandardCharsets.UTF_8));
  }

  /**
   * Closes every connected session with {@code code} and {@code reason}, and the redirect
   * {@code redirects} gives it (null: none).
   */
  void closeAll(short code, String reason, Function<Member, String> redirects) {
    for (Member m : new ArrayList<>(connected)) {
      m.link.close(code, reason, redirects.apply(m));
    }
    connected.clear();
  }

  /** Tells the game that every player leaves with the room (ROOM_CLOSED). */
  void leaveAll() {
    for (Member m : new ArrayList<>(members.values())) {
      if (m.isPlayer()) {
        game().onLeave(m, LeaveReason.ROOM_CLOSED);
      }
    }
  }
}
