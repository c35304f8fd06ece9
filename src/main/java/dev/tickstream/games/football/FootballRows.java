package dev.tickstream.games.football;

import static dev.tickstream.games.football.FootballGame.KIND_BALL;
import static dev.tickstream.games.football.FootballGame.KIND_MATCH;
import static dev.tickstream.games.football.FootballGame.KIND_PLAYER;

import dev.tickstream.wire.EntityTable;
import java.util.List;

/**
 * The world as rows of {@link FootballGame#SCHEMA}: written each tick and read back on a
 * restore. Every field of the match, the ball and the players is in its row, so reading what was
 * written rebuilds the same world; only the players' intents are not (they come with the next
 * inputs).
 */
final class FootballRows {
  /** Field indices, in the order of {@link FootballGame#SCHEMA}. */
  static final int KIND = 0;
  static final int X = 1;
  static final int Y = 2;
  static final int VX = 3;
  static final int VY = 4;
  static final int VEL_X = 5;
  static final int VEL_Y = 6;
  static final int FACING = 7;
  static final int TEAM = 8;
  static final int DASH_TICK = 9;
  static final int KICK_TICK = 10;
  static final int GOALS = 11;
  static final int TOUCH = 12;
  static final int SCORE_RED = 13;
  static final int SCORE_BLUE = 14;
  static final int PHASE = 15;
  static final int PHASE_END = 16;
  static final int ROUND_END = 17;
  static final int KICKOFF_TEAM = 18;
  static final int ROUND = 19;
  static final int TEAM_SIZE = 20;
  static final int NEXT_ID = 21;

  private FootballRows() {}

  /** Clears {@code out}, then writes the match, the ball and the players, in ascending ids. */
  static void write(EntityTable out, FootballMatch match, FootballBall ball,
      List<FootballPlayer> players) {
    out.clear();
    int r = out.add(match.id, null);
    out.set(r, KIND, KIND_MATCH);
    out.set(r, SCORE_RED, match.scoreRed);
    out.set(r, SCORE_BLUE, match.scoreBlue);
    out.set(r, PHASE, match.phase);
    out.set(r, PHASE_END, match.phaseEnd);
    out.set(r, ROUND_END, match.roundEnd);
    out.set(r, KICKOFF_TEAM, match.kickoffTeam);
    out.set(r, ROUND, match.round);
    out.set(r, TEAM_SIZE, match.teamSize);
    out.set(r, NEXT_ID, match.nextId);
    r = out.add(ball.id, null);
    out.set(r, KIND, KIND_BALL);
    out.set(r, X, ball.x);
    out.set(r, Y, ball.y);
    out.set(r, VX, ball.stepX);
    out.set(r, VY, ball.stepY);
    out.set(r, VEL_X, ball.velX);
    out.set(r, VEL_Y, ball.velY);
    out.set(r, TOUCH, ball.touch);
    for (FootballPlayer p : players) {
      r = out.add(p.id, p.name);
      out.set(r, KIND, KIND_PLAYER);
      out.set(r, X, p.x);
      out.set(r, Y, p.y);
      out.set(r, VX, p.stepX);
      out.set(r, VY, p.stepY);
      out.set(r, FACING, p.facing);
      out.set(r, TEAM, p.team);
      out.set(r, DASH_TICK, p.dashTick);
      out.set(r, KICK_TICK, p.kickTick);
      out.set(r, GOALS, p.goals);
    }
  }

  /**
   * Replaces {@code match}'s, {@code ball}'s and {@code players}' state with the rows of
   * {@code state} (players idle); returns the largest id found.
   */
  static int read(EntityTable state, FootballMatch match, FootballBall ball,
      List<FootballPlayer> players) {
    players.clear();
    boolean matchFound = false;
    int maxId = 0;
    for (int r = 0; r < state.size(); r++) {
      int id = state.id(r);
      maxId = Math.max(maxId, id);
      switch (state.get(r, KIND)) {
        case KIND_MATCH -> {
          matchFound = true;
          match.scoreRed = state.get(r, SCORE_RED);
          match.scoreBlue = state.get(r, SCORE_BLUE);
          match.phase = state.get(r, PHASE);
          match.phaseEnd = state.get(r, PHASE_END);
          match.roundEnd = state.get(r, ROUND_END);
          match.kickoffTeam = state.get(r, KICKOFF_TEAM);
          match.round = state.get(r, ROUND);
          match.teamSize = state.get(r, TEAM_SIZE);
          match.nextId = state.get(r, NEXT_ID);
        }
        case KIND_BALL -> {
          ball.x = state.get(r, X);
          ball.y = state.get(r, Y);
          ball.stepX = state.get(r, VX);
          ball.stepY = state.get(r, VY);
          ball.velX = state.get(r, VEL_X);
          ball.velY = state.get(r, VEL_Y);
          ball.touch = state.get(r, TOUCH);
        }
        case KIND_PLAYER -> {
          FootballPlayer p = new FootballPlayer(id,
              state.name(r) == null ? "player" : state.name(r), state.get(r, TEAM));
          p.x = state.get(r, X);
          p.y = state.get(r, Y);
          p.stepX = state.get(r, VX);
          p.stepY = state.get(r, VY);
          p.facing = state.get(r, FACING);
          p.dashTick = state.get(r, DASH_TICK);
          p.kickTick = state.get(r, KICK_TICK);
          p.goals = state.get(r, GOALS);
          players.add(p);
        }
        default -> throw new IllegalArgumentException("entity " + id + " has unknown kind "
            + state.get(r, KIND));
      }
    }
    if (!matchFound) {
      throw new IllegalArgumentException("state holds no match entity");
    }
    return maxId;
  }
}
