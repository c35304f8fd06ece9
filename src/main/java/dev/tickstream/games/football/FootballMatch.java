package dev.tickstream.games.football;

import static dev.tickstream.games.football.FootballGame.BLUE;
import static dev.tickstream.games.football.FootballGame.RED;

import dev.tickstream.proto.football.v1.Goal;
import dev.tickstream.proto.football.v1.Kickoff;
import dev.tickstream.proto.football.v1.RoundOver;
import dev.tickstream.sim.GameRoom;
import java.util.List;

/**
 * The match entity and its rules: score, phase, clock, kick-offs and goals.
 *
 * <p>Phases: {@code warmup} (waiting for a player on each team; everyone plays freely and the
 * goals are closed: the ball bounces off the whole wall) → {@code kickoff} (everyone stands on
 * their spot until {@code phase_end}) → {@code play} (goals open) → after a goal
 * {@code goal} (the ball rests in the net until {@code phase_end}) → {@code kickoff} again,
 * the team that conceded kicking off. The round's clock starts when the first kick-off ends
 * and runs without pausing to {@code round_end}; at that tick the round is {@code over} (from
 * any of kickoff, play, goal): {@code round_over} goes out, players roam and the ball is free
 * with goals closed until {@code phase_end}, then the next round kicks off with the score
 * reset (the loser kicks off; after a draw, the team that did not kick off last). The room is
 * never closed by the game: rounds follow each other while both teams have players. When a
 * team empties during a round, the round is abandoned: back to warmup, no event.
 *
 * <p>Transitions happen at the start of a step ({@link #advance}), goals during it
 * ({@link #goal}). Every field here is in the match row, so a restored match goes on the same.
 */
final class FootballMatch {
  static final int WARMUP = 0;
  static final int KICKOFF = 1;
  static final int PLAY = 2;
  static final int GOAL = 3;
  static final int OVER = 4;

  final int id;
  int scoreRed;
  int scoreBlue;
  int phase = WARMUP;
  int phaseEnd; // tick the current phase ends at (0: open-ended, warmup and play)
  int roundEnd; // tick the round ends at (0: no round running)
  int kickoffTeam; // the team that kicks off (next, in warmup, goal and over)
  int round; // rounds started, 1 for the first
  int teamSize;
  int nextId; // the next player's id

  private final GameRoom room;
  private final FootballPhysics physics;
  private final List<FootballPlayer> players;
  private final FootballBall ball;
  private final int kickoffTicks;
  private final int goalTicks;
  private final int overTicks;
  private final int roundTicks;

  FootballMatch(int id, GameRoom room, FootballPhysics physics, List<FootballPlayer> players,
      FootballBall ball) {
    this.id = id;
    this.room = room;
    this.physics = physics;
    this.players = players;
    this.ball = ball;
    FootballRules r = physics.rules;
    this.kickoffTicks = FootballRules.ticks(r.kickoffMs(), physics.tickRate);
    this.goalTicks = FootballRules.ticks(r.goalMs(), physics.tickRate);
    this.overTicks = FootballRules.ticks(r.overMs(), physics.tickRate);
    this.roundTicks = FootballRules.ticks(r.roundMs(), physics.tickRate);
  }

  boolean playersFrozen() {
    return phase == KICKOFF;
  }

  boolean ballLive() {
    return phase == WARMUP || phase == PLAY || phase == OVER;
  }

  boolean goalsOpen() {
    return phase == PLAY;
  }

  private boolean inRound() {
    return phase == KICKOFF || phase == PLAY || phase == GOAL;
  }

  /** Phase changes due at the start of {@code tick}. */
  void advance(int tick) {
    boolean bothTeams = count(RED) > 0 && count(BLUE) > 0;
    if (phase == WARMUP) {
      if (bothTeams) {
        startRound(tick);
      }
    } else if (inRound() && !bothTeams) {
      phase = WARMUP;
      phaseEnd = 0;
      roundEnd = 0;
    } else if (inRound() && tick >= roundEnd) {
      over(tick);
    } else if (phaseEnd != 0 && tick >= phaseEnd) {
      switch (phase) {
        case KICKOFF -> {
          phase = PLAY;
          phaseEnd = 0;
        }
        case GOAL -> kickoff(tick);
        case OVER -> {
          if (bothTeams) {
            startRound(tick);
          } else {
            phase = WARMUP;
            phaseEnd = 0;
          }
        }
        default -> throw new IllegalStateException("phase " + phase + " has no end");
      }
    }
  }

  /**
   * The ball entered {@code goalOf}'s goal during play at {@code tick}: the other team scores,
   * the last toucher is credited unless it plays for {@code goalOf}, and the game pauses.
   */
  void goal(int tick, int goalOf) {
    int team = 1 - goalOf;
    if (team == RED) {
      scoreRed++;
    } else {
      scoreBlue++;
    }
    FootballPlayer scorer = find(ball.touch);
    boolean own = scorer != null && scorer.team == goalOf;
    if (scorer != null && !own) {
      scorer.goals++;
    }
    room.broadcast(Goal.newBuilder().setTeam(FootballGame.teamName(team))
        .setScorer(scorer == null ? 0 : scorer.id).setOwnGoal(own)
        .setScoreRed(scoreRed).setScoreBlue(scoreBlue).build());
    phase = GOAL;
    phaseEnd = tick + goalTicks;
    kickoffTeam = goalOf;
  }

  private void startRound(int tick) {
    round++;
    scoreRed = 0;
    scoreBlue = 0;
    for (FootballPlayer p : players) {
      p.goals = 0;
    }
    roundEnd = tick + kickoffTicks + roundTicks;
    kickoff(tick);
  }

  private void kickoff(int tick) {
    phase = KICKOFF;
    phaseEnd = tick + kickoffTicks;
    resetPositions();
    room.broadcast(Kickoff.newBuilder().setTeam(FootballGame.teamName(kickoffTeam))
        .setRound(round).setPlayTick(phaseEnd).setRoundEndTick(roundEnd).build());
  }

  private void over(int tick) {
    String winner = scoreRed > scoreBlue ? "red" : scoreBlue > scoreRed ? "blue" : "draw";
    phase = OVER;
    phaseEnd = tick + overTicks;
    kickoffTeam = scoreRed > scoreBlue ? BLUE : scoreBlue > scoreRed ? RED : 1 - kickoffTeam;
    room.broadcast(RoundOver.newBuilder().setWinner(winner).setScoreRed(scoreRed)
        .setScoreBlue(scoreBlue).setRound(round).setNextRoundTick(phaseEnd).build());
  }

  /** Every player to its kick-off spot (by team, in id order), the ball to the centre. */
  void resetPositions() {
    int[] index = new int[2];
    for (FootballPlayer p : players) {
      place(p, index[p.team]++);
    }
    ball.place(physics.centreX, physics.centreY);
  }

  /** Puts a player on spot {@code k} of its team's half (at rest). */
  void place(FootballPlayer p, int k) {
    FootballRules r = physics.rules;
    double back; // distance from the halfway line, map units
    double side; // offset from the centre line, map units
    if (k == 0) {
      back = p.team == kickoffTeam ? r.playerRadius() + r.ballRadius() + 2
          : r.playerRadius() * 2 + r.mapHeight() / 8.0;
      side = 0;
    } else {
      back = r.mapWidth() / 6.0 + r.mapWidth() / 8.0 * ((k - 1) / 2);
      side = ((k - 1) % 2 == 0 ? -1 : 1) * r.mapHeight() / 4.0;
    }
    double x = p.team == RED ? r.mapWidth() / 2.0 - back : r.mapWidth() / 2.0 + back;
    double y = r.mapHeight() / 2.0 + side;
    int s = physics.scale;
    p.x = FootballPhysics.clamp((int) Math.round(x * s), physics.minX, physics.maxX);
    p.y = FootballPhysics.clamp((int) Math.round(y * s), physics.minY, physics.maxY);
    p.stepX = 0;
    p.stepY = 0;
  }

  int count(int team) {
    int n = 0;
    for (FootballPlayer p : players) {
      if (p.team == team) {
        n++;
      }
    }
    return n;
  }

  private FootballPlayer find(int id) {
    for (FootballPlayer p : players) {
      if (p.id == id) {
        return p;
      }
    }
    return null;
  }
}
