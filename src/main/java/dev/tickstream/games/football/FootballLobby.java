package dev.tickstream.games.football;

import static dev.tickstream.games.football.FootballGame.BLUE;
import static dev.tickstream.games.football.FootballGame.RED;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.tickstream.proto.football.v1.FootballJoin;
import dev.tickstream.sim.JoinDecision;
import dev.tickstream.sim.JoinRequest;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;

/**
 * Seats and teams: the room's mode (option {@code mode}: "1v1", "2v2" or "3v3", default "3v3")
 * sets the team size; a join asks for a team in its {@link FootballJoin} data or lets the room
 * balance the teams. An accepted request's team waits here, by the player's name, until
 * {@link FootballGame#onJoin} takes the seat ({@link #teamFor}); at most {@code 2 * teamSize}
 * wait, the oldest forgotten first. Room thread only.
 */
final class FootballLobby {
  /** Team size of each mode. */
  static final Map<String, Integer> MODES = Map.of("1v1", 1, "2v2", 2, "3v3", 3);
  static final String DEFAULT_MODE = "3v3";
  static final int MAX_TEAM_SIZE = 3;

  final String mode;
  final int teamSize;
  /** Why every join is refused (an unknown mode), or null. */
  final String modeError;

  private record Pending(String name, int team) {}

  private final ArrayDeque<Pending> pending = new ArrayDeque<>();

  FootballLobby(Map<String, String> options) {
    String m = options.getOrDefault("mode", DEFAULT_MODE);
    Integer size = MODES.get(m);
    this.mode = m;
    this.teamSize = size == null ? MODES.get(DEFAULT_MODE) : size;
    this.modeError = checkOptions(options);
  }

  /**
   * Accepts or refuses a seat given the players on each team now. Spectators are accepted
   * (unless the mode is unknown).
   */
  JoinDecision decide(JoinRequest request, int red, int blue) {
    if (modeError != null) {
      return JoinDecision.refuse(modeError);
    }
    if (request.spectator()) {
      return JoinDecision.accept();
    }
    FootballJoin join;
    try {
      join = FootballJoin.parseFrom(request.data());
    } catch (InvalidProtocolBufferException e) {
      return JoinDecision.refuse("join data is not a tickstream.football.v1.FootballJoin");
    }
    int team = FootballGame.team(join.getTeam());
    if (team == -2) {
      return JoinDecision.refuse("unknown team '" + abbreviate(join.getTeam())
          + "': red, blue or empty");
    }
    if (red + blue + pending.size() >= 2 * teamSize) {
      return JoinDecision.refuse("room is full (" + mode + ")");
    }
    if (team >= 0 && (team == RED ? red : blue) + waiting(team) >= teamSize) {
      return JoinDecision.refuse("team " + join.getTeam() + " is full (" + mode + ")");
    }
    if (pending.size() == 2 * teamSize) {
      pending.removeFirst();
    }
    pending.addLast(new Pending(request.name(), team));
    return JoinDecision.accept();
  }

  /**
   * The team of a player taking its seat: the one its request asked for while it has room,
   * else the smaller team (red when even).
   */
  int teamFor(String name, int red, int blue) {
    int asked = -1;
    for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
      Pending p = it.next();
      if (p.name().equals(name)) {
        asked = p.team();
        it.remove();
        break;
      }
    }
    if (asked >= 0 && (asked == RED ? red : blue) < teamSize) {
      return asked;
    }
    return blue < red ? BLUE : RED;
  }

  /** Forgets waiting requests (a restore: their joins will not come). */
  void clear() {
    pending.clear();
  }

  private int waiting(int team) {
    int n = 0;
    for (Pending p : pending) {
      if (p.team() == team) {
        n++;
      }
    }
    return n;
  }

  /** Matchmaking's check: a room is made only for a known mode (see {@code GameSpec}). */
  static String checkOptions(Map<String, String> options) {
    String m = options.getOrDefault("mode", DEFAULT_MODE);
    return MODES.containsKey(m) ? null : "unknown mode '" + abbreviate(m) + "': 1v1, 2v2 or 3v3";
  }

  private static String abbreviate(String s) {
    return s.length() <= 16 ? s : s.substring(0, 16) + "...";
  }
}
