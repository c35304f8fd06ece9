package dev.tickstream.games.football;

import static dev.tickstream.games.football.FootballRows.KIND;
import static dev.tickstream.games.football.FootballRows.PHASE;
import static dev.tickstream.games.football.FootballRows.X;
import static dev.tickstream.games.football.FootballRows.Y;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.games.football.Pitch.Seat;
import dev.tickstream.proto.football.v1.FootballInput;
import dev.tickstream.proto.football.v1.Goal;
import dev.tickstream.proto.football.v1.Kick;
import dev.tickstream.proto.football.v1.RoundOver;
import dev.tickstream.wire.EntityTable;
import dev.tickstream.sim.LeaveReason;
import dev.tickstream.sim.OfflineRoom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.tickstream.loadtest.FootballPilot;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Whole-world properties over long 3v3 matches of bots and random players. */
class FootballStateTest {
  private static final FootballRules RULES = FootballRules.defaults().withRoundMs(30_000);
  /** The load test's football bot, reading the server's rows directly. */
  private static final FootballPilot BOT = new FootballPilot(
      new FootballPilot.Layout(FootballRows.KIND, FootballRows.X, FootballRows.Y,
          FootballRows.TEAM, FootballGame.KIND_BALL, FootballGame.RED),
      RULES.mapWidth(), RULES.mapHeight(), RULES.positionScale(), FootballGame.spec(RULES).constants());

  /**
   * Scripts the players of one or more pitches identically: even seats are bots (reading the
   * first pitch's state), odd seats press random sticks, kicks and dashes; now and then one
   * leaves and a newcomer takes the seat.
   */
  private static final class Script {
    final SplittableRandom random = new SplittableRandom(99); // the inputs, not the world
    final List<Seat> seats = new ArrayList<>();
    int joined;

    void fill(Pitch... pitches) {
      while (seats.size() < 6) {
        seats.add(join(pitches));
      }
    }

    private Seat join(Pitch... pitches) {
      String name = "p" + joined++;
      Seat seat = null;
      for (Pitch p : pitches) {
        Seat s = p.join(name, null);
        assertTrue(seat == null || seat.entityId() == s.entityId(), "ids differ: " + seat + s);
        seat = s;
      }
      return seat;
    }

    FootballInput randomInput() {
      return FootballInput.newBuilder().setMoveX(random.nextInt(255) - 127)
          .setMoveY(random.nextInt(255) - 127).setKick(random.nextInt(3) == 0)
          .setDash(random.nextInt(10) == 0).build();
    }

    /** Inputs for this tick, every seat's when {@code all} (a resume), then a step. */
    void tick(boolean all, Pitch... pitches) {
      for (int i = 0; i < seats.size(); i++) {
        Seat s = seats.get(i);
        FootballInput in = null;
        if (i % 2 == 0) {
          in = BOT.next(pitches[0].table, s.entityId());
        } else if (all || random.nextInt(6) == 0) {
          in = randomInput();
        }
        if (in != null) {
          for (Pitch p : pitches) {
            p.game.onInput(s, in);
          }
        }
      }
      if (pitches[0].tick % 700 == 350) {
        int i = random.nextInt(seats.size());
        for (Pitch p : pitches) {
          p.game.onLeave(seats.get(i), LeaveReason.LEFT);
        }
        seats.set(i, join(pitches));
      }
      for (Pitch p : pitches) {
        p.step();
      }
    }
  }

  private static Pitch pitch(long seed) {
    return new Pitch(RULES, 20, seed, Map.of("mode", "3v3"));
  }

  @Test
  void theSameSeedAndInputsGiveTheSameStates() {
    Pitch one = pitch(7);
    Pitch two = pitch(7);
    Script script = new Script();
    script.fill(one, two);
    for (int t = 0; t < 3000; t++) {
      script.tick(false, one, two);
      assertEquals(one.table.hash(), two.table.hash(), "tick " + one.tick);
    }
    assertEquals(one.room.events(), two.room.events());
  }

  @Test
  void schemaCheckFindsNoViolationOverALongRun() {
    Pitch pitch = pitch(3);
    Script script = new Script();
    script.fill(pitch);
    Set<Integer> phases = new HashSet<>();
    for (int t = 0; t < 24_000; t++) { // 20 minutes at 20 Hz, 30-second rounds
      script.tick(false, pitch);
      EntityTable table = pitch.table;
      assertNull(FootballGame.SCHEMA.check(table), "tick " + pitch.tick);
      assertEquals(8, table.size()); // match, ball, six players
      phases.add(pitch.match(PHASE));
      for (int r = 0; r < table.size(); r++) {
        if (table.get(r, KIND) != FootballGame.KIND_MATCH) {
          int x = table.get(r, X);
          int y = table.get(r, Y);
          assertTrue(x >= 0 && x < 2400 && y >= 0 && y < 1600,
              "entity " + table.id(r) + " at " + x + "," + y + ", tick " + pitch.tick);
        }
      }
    }
    assertTrue(phases.containsAll(List.of(FootballMatch.KICKOFF, FootballMatch.PLAY,
        FootballMatch.GOAL, FootballMatch.OVER)), "phases seen: " + phases);
    System.out.printf("long run: %d goals, %d kicks, %d rounds over%n",
        pitch.events(Goal.class).size(), pitch.events(Kick.class).size(),
        pitch.events(RoundOver.class).size());
    assertTrue(pitch.events(Goal.class).size() >= 10, "goals: " + pitch.events(Goal.class).size());
    assertTrue(pitch.events(Kick.class).size() >= 100);
    assertTrue(pitch.events(RoundOver.class).size() >= 30);
  }

  @Test
  void restoreFromTheWrittenStateContinuesIdentically() {
    Set<Integer> phases = new HashSet<>();
    // At fixed ticks, then at the first tick after 600 in each phase of a round.
    int[][] points = {{400, -1}, {1333, -1}, {2250, -1}, {3001, -1}, {600, FootballMatch.KICKOFF},
        {600, FootballMatch.PLAY}, {600, FootballMatch.GOAL}, {600, FootballMatch.OVER}};
    for (int[] point : points) {
      Pitch original = pitch(11);
      Script script = new Script();
      script.fill(original);
      while (original.tick < point[0]
          || point[1] >= 0 && original.match(PHASE) != point[1] && original.tick < 20_000) {
        script.tick(false, original);
      }
      int at = original.tick;
      phases.add(original.match(PHASE));
      EntityTable checkpoint = new EntityTable(FootballGame.SCHEMA.fieldCount());
      checkpoint.copyFrom(original.table);

      Pitch restored = pitch(12); // another seed: nothing may come from it after a restore
      restored.game.restore(checkpoint, at);
      restored.tick = at;
      restored.game.writeState(restored.table);
      assertEquals(original.table.hash(), restored.table.hash(), "restored at " + at);
      int events = original.room.events().size();

      // The clients resume and send their inputs again; then both run on side by side.
      for (int t = 0; t < 1500; t++) {
        script.tick(t == 0, original, restored);
        assertEquals(original.table.hash(), restored.table.hash(),
            "restored at " + at + ", tick " + original.tick);
      }
      assertEquals(original.room.events().subList(events, original.room.events().size()),
          restored.room.events());
    }
    assertTrue(phases.containsAll(List.of(FootballMatch.KICKOFF, FootballMatch.PLAY,
        FootballMatch.GOAL, FootballMatch.OVER)), "restored in phases " + phases);
  }

  @Test
  void restoreRefusesAStateWithoutAMatch() {
    Pitch pitch = pitch(1);
    EntityTable empty = new EntityTable(FootballGame.SCHEMA.fieldCount());
    assertThrows(IllegalArgumentException.class, () -> pitch.game.restore(empty, 5));
    assertThrows(IllegalArgumentException.class,
        () -> pitch.game.restore(new EntityTable(3), 5));
  }

  @Test
  void idsAreNeverReusedAcrossARestore() {
    Pitch original = pitch(1);
    Seat a = original.join("a", null);
    Seat b = original.join("b", null);
    original.game.onLeave(b, LeaveReason.LEFT); // the largest id leaves
    original.step();
    Pitch restored = pitch(1);
    restored.game.restore(original.table, original.tick);
    int id = restored.game.onJoin(new Seat(3, "c", 0));
    assertTrue(id > b.entityId() && id > a.entityId(), "id " + id);
  }

  @Test
  void theMatchEntityCountsAsAtTheCentreForInterest() {
    Pitch pitch = pitch(1);
    Seat a = pitch.join("a", null);
    int[] xs = new int[3];
    int[] ys = new int[3];
    assertTrue(pitch.game.positions(pitch.table, 0, xs, ys));
    assertEquals(1200, xs[0]);
    assertEquals(800, ys[0]);
    assertEquals(pitch.ball(X), xs[1]);
    assertEquals(pitch.get(a, X), xs[2]);
    assertEquals(pitch.get(a, Y), ys[2]);
  }

  @Test
  void aBotScoresAloneAgainstAnEmptyGoal() {
    Pitch pitch = new Pitch(RULES, 20, 5, Map.of("mode", "1v1"));
    Seat red = pitch.join("a", "red");
    Seat blue = pitch.join("b", "blue");
    pitch.game.onDrop(blue); // blue stands still
    for (int t = 0; t < 2000 && pitch.events(Goal.class).isEmpty(); t++) {
      pitch.game.onInput(red, BOT.next(pitch.table, red.entityId()));
      pitch.step();
    }
    List<Goal> goals = pitch.events(Goal.class);
    assertTrue(!goals.isEmpty(), "no goal");
    assertEquals("red", goals.get(0).getTeam());
    assertEquals(red.entityId(), goals.get(0).getScorer());
    assertTrue(pitch.room.events().stream().map(OfflineRoom.Emitted::event)
        .anyMatch(e -> e instanceof Kick));
  }
}
