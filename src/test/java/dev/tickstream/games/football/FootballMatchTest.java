package dev.tickstream.games.football;

import static dev.tickstream.games.football.FootballMatch.GOAL;
import static dev.tickstream.games.football.FootballMatch.KICKOFF;
import static dev.tickstream.games.football.FootballMatch.OVER;
import static dev.tickstream.games.football.FootballMatch.PLAY;
import static dev.tickstream.games.football.FootballMatch.WARMUP;
import static dev.tickstream.games.football.FootballRows.GOALS;
import static dev.tickstream.games.football.FootballRows.KICKOFF_TEAM;
import static dev.tickstream.games.football.FootballRows.PHASE;
import static dev.tickstream.games.football.FootballRows.PHASE_END;
import static dev.tickstream.games.football.FootballRows.ROUND;
import static dev.tickstream.games.football.FootballRows.ROUND_END;
import static dev.tickstream.games.football.FootballRows.SCORE_BLUE;
import static dev.tickstream.games.football.FootballRows.SCORE_RED;
import static dev.tickstream.games.football.FootballRows.TOUCH;
import static dev.tickstream.games.football.FootballRows.VEL_X;
import static dev.tickstream.games.football.FootballRows.X;
import static dev.tickstream.games.football.FootballRows.Y;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.games.football.Pitch.Seat;
import dev.tickstream.proto.football.v1.Goal;
import dev.tickstream.proto.football.v1.Kickoff;
import dev.tickstream.proto.football.v1.RoundOver;
import dev.tickstream.sim.LeaveReason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Phases, kick-offs, goals, the clock and the end of a round. */
class FootballMatchTest {
  private static final int CX = 1200;
  private static final int CY = 800;
  /** At 20 Hz: kickoffMs 1500, goalMs 2500, overMs 6000, roundMs 180000. */
  private static final int KICKOFF_TICKS = 30;
  private static final int GOAL_TICKS = 50;
  private static final int OVER_TICKS = 120;

  private static Pitch oneOnOne(FootballRules rules) {
    Pitch pitch = new Pitch(rules, 20, 1, Map.of("mode", "1v1"));
    return pitch;
  }

  /** Has {@code s} kick the ball from just right of (x, CY) towards the left goal. */
  private static void kickLeft(Pitch pitch, Seat s, int x) {
    pitch.game.placeBall(x, CY, 0, 0);
    pitch.game.placePlayer(s.entityId(), x + 70, CY);
    pitch.input(s, 0, 0, true, false);
    pitch.step();
    pitch.input(s, 0, 0, false, false);
  }

  @Test
  void warmupLastsUntilEachTeamHasAPlayerThenTheRoundKicksOff() {
    Pitch pitch = oneOnOne(FootballRules.defaults());
    pitch.join("a", "red");
    pitch.steps(10);
    assertEquals(WARMUP, pitch.match(PHASE));
    assertEquals(0, pitch.match(ROUND_END));
    pitch.join("b", "blue");
    pitch.step();
    assertEquals(KICKOFF, pitch.match(PHASE));
    assertEquals(1, pitch.match(ROUND));
    assertEquals(11 + KICKOFF_TICKS, pitch.match(PHASE_END));
    assertEquals(11 + KICKOFF_TICKS + 3600, pitch.match(ROUND_END));
    List<Kickoff> kickoffs = pitch.events(Kickoff.class);
    assertEquals(1, kickoffs.size());
    assertEquals(FootballGame.teamName(pitch.match(KICKOFF_TEAM)), kickoffs.get(0).getTeam());
    assertEquals(11 + KICKOFF_TICKS, kickoffs.get(0).getPlayTick());
    assertEquals(11 + KICKOFF_TICKS + 3600, kickoffs.get(0).getRoundEndTick());
    pitch.stepUntilPhase(PLAY, KICKOFF_TICKS);
    assertEquals(11 + KICKOFF_TICKS, pitch.tick);
    assertEquals(0, pitch.match(PHASE_END));
  }

  @Test
  void theSeedPicksTheFirstKickoffTeam() {
    boolean[] seen = new boolean[2];
    for (long seed = 1; seed <= 16; seed++) {
      Pitch pitch = new Pitch(FootballRules.defaults(), 20, seed, Map.of());
      seen[pitch.match(KICKOFF_TEAM)] = true;
      assertEquals(pitch.match(KICKOFF_TEAM),
          new Pitch(FootballRules.defaults(), 20, seed, Map.of()).match(KICKOFF_TEAM));
    }
    assertTrue(seen[0] && seen[1]);
  }

  @Test
  void aBallIntoTheGoalMouthScoresThenEveryoneKicksOffAgain() {
    Pitch pitch = oneOnOne(FootballRules.defaults());
    Seat red = pitch.join("a", "red");
    Seat blue = pitch.join("b", "blue");
    pitch.stepUntilPhase(PLAY, 100);
    int roundEnd = pitch.match(ROUND_END);
    kickLeft(pitch, blue, 230);
    pitch.stepUntilPhase(GOAL, 10);
    int goalTick = pitch.tick;
    List<Goal> goals = pitch.events(Goal.class);
    assertEquals(1, goals.size());
    Goal g = goals.get(0);
    assertEquals("blue", g.getTeam());
    assertEquals(blue.entityId(), g.getScorer());
    assertFalse(g.getOwnGoal());
    assertEquals(0, g.getScoreRed());
    assertEquals(1, g.getScoreBlue());
    assertEquals(1, pitch.match(SCORE_BLUE));
    assertEquals(0, pitch.match(SCORE_RED));
    assertEquals(1, pitch.get(blue, GOALS));
    assertEquals(FootballGame.RED, pitch.match(KICKOFF_TEAM)); // the team that conceded
    assertEquals(goalTick + GOAL_TICKS, pitch.match(PHASE_END));
    assertEquals(0, pitch.ball(X)); // resting on the goal line
    assertEquals(0, pitch.ball(VEL_X));

    pitch.steps(GOAL_TICKS - 1);
    assertEquals(GOAL, pitch.match(PHASE));
    pitch.step();
    assertEquals(KICKOFF, pitch.match(PHASE));
    List<Kickoff> kickoffs = pitch.events(Kickoff.class);
    assertEquals(2, kickoffs.size());
    assertEquals("red", kickoffs.get(1).getTeam());
    assertEquals(roundEnd, pitch.match(ROUND_END)); // the clock ran on through the goal
    // Positions reset: the ball in the centre, red's kicker next to it, blue farther back.
    assertEquals(CX, pitch.ball(X));
    assertEquals(CY, pitch.ball(Y));
    assertEquals(0, pitch.ball(TOUCH));
    assertEquals(CX - 68, pitch.get(red, X)); // (20 + 12 + 2) * 2
    assertEquals(CY, pitch.get(red, Y));
    assertEquals(CX + 280, pitch.get(blue, X)); // (2 * 20 + 800 / 8) * 2
  }

  @Test
  void anOwnGoalCountsForTheOtherTeamButNotForItsScorer() {
    Pitch pitch = oneOnOne(FootballRules.defaults());
    Seat red = pitch.join("a", "red");
    pitch.join("b", "blue");
    pitch.stepUntilPhase(PLAY, 100);
    kickLeft(pitch, red, 230);
    pitch.stepUntilPhase(GOAL, 10);
    Goal g = pitch.events(Goal.class).get(0);
    assertEquals("blue", g.getTeam());
    assertEquals(red.entityId(), g.getScorer());
    assertTrue(g.getOwnGoal());
    assertEquals(1, pitch.match(SCORE_BLUE));
    assertEquals(0, pitch.get(red, GOALS));
  }

  @Test
  void theRightGoalScoresForRed() {
    Pitch pitch = oneOnOne(FootballRules.defaults());
    Seat red = pitch.join("a", "red");
    pitch.join("b", "blue");
    pitch.stepUntilPhase(PLAY, 100);
    pitch.game.placeBall(2300, CY, 0, 0);
    pitch.game.placePlayer(red.entityId(), 2230, CY);
    pitch.input(red, 0, 0, true, false);
    pitch.stepUntilPhase(GOAL, 10);
    assertEquals("red", pitch.events(Goal.class).get(0).getTeam());
    assertEquals(1, pitch.match(SCORE_RED));
    assertEquals(2399, pitch.ball(X));
  }

  @Test
  void aBallBesideThePostsBouncesDuringPlay() {
    Pitch pitch = oneOnOne(FootballRules.defaults());
    pitch.join("a", "red");
    pitch.join("b", "blue");
    pitch.stepUntilPhase(PLAY, 100);
    // The mouth spans y 680..920 map units; the ball's centre must be within 108 of the middle.
    pitch.game.placeBall(100, CY - 2 * 110, -60 * 256, 0);
    pitch.steps(5);
    assertEquals(PLAY, pitch.match(PHASE));
    assertTrue(pitch.ball(VEL_X) > 0);
  }

  @Test
  void theRoundEndsWithRoundOverThenTheNextRoundKicksOff() {
    Pitch pitch = oneOnOne(FootballRules.defaults().withRoundMs(3000));
    Seat red = pitch.join("a", "red");
    Seat blue = pitch.join("b", "blue");
    pitch.stepUntilPhase(PLAY, 100);
    int roundEnd = pitch.match(ROUND_END);
    kickLeft(pitch, blue, 230);
    pitch.stepUntilPhase(OVER, 100);
    assertEquals(roundEnd, pitch.tick);
    List<RoundOver> overs = pitch.events(RoundOver.class);
    assertEquals(1, overs.size());
    RoundOver o = overs.get(0);
    assertEquals("blue", o.getWinner());
    assertEquals(0, o.getScoreRed());
    assertEquals(1, o.getScoreBlue());
    assertEquals(1, o.getRound());
    assertEquals(roundEnd + OVER_TICKS, o.getNextRoundTick());
    assertEquals(FootballGame.RED, pitch.match(KICKOFF_TEAM)); // the loser kicks off next
    // Over: players roam, the ball is free.
    pitch.input(red, 127, 0, false, false);
    pitch.step();
    assertEquals(OVER, pitch.match(PHASE));
    assertTrue(pitch.get(red, FootballRows.VX) > 0);

    pitch.stepUntilPhase(KICKOFF, OVER_TICKS);
    assertEquals(roundEnd + OVER_TICKS, pitch.tick);
    assertEquals(2, pitch.match(ROUND));
    assertEquals(0, pitch.match(SCORE_BLUE));
    assertEquals(0, pitch.get(blue, GOALS));
    assertEquals("red", pitch.events(Kickoff.class).get(pitch.events(Kickoff.class).size() - 1)
        .getTeam());
    assertEquals(null, pitch.room.closedReason()); // rounds follow each other; the room stays
  }

  @Test
  void aDrawnRoundSwapsTheKickoffTeam() {
    Pitch pitch = oneOnOne(FootballRules.defaults().withRoundMs(1000));
    pitch.join("a", "red");
    pitch.join("b", "blue");
    pitch.step();
    int first = pitch.match(KICKOFF_TEAM);
    pitch.stepUntilPhase(OVER, 200);
    assertEquals("draw", pitch.events(RoundOver.class).get(0).getWinner());
    assertEquals(1 - first, pitch.match(KICKOFF_TEAM));
  }

  @Test
  void aTeamEmptyingAbandonsTheRound() {
    Pitch pitch = oneOnOne(FootballRules.defaults());
    Seat red = pitch.join("a", "red");
    pitch.join("b", "blue");
    pitch.stepUntilPhase(PLAY, 100);
    pitch.game.onLeave(red, LeaveReason.LEFT);
    pitch.step();
    assertEquals(WARMUP, pitch.match(PHASE));
    assertEquals(0, pitch.match(ROUND_END));
    assertTrue(pitch.events(RoundOver.class).isEmpty());
    assertTrue(pitch.table.indexOf(red.entityId()) < 0);
    pitch.join("c", null); // balanced onto red: a new round
    pitch.step();
    assertEquals(KICKOFF, pitch.match(PHASE));
    assertEquals(2, pitch.match(ROUND));
  }
}
