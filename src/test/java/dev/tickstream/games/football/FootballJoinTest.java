package dev.tickstream.games.football;

import static dev.tickstream.games.football.FootballRows.PHASE;
import static dev.tickstream.games.football.FootballRows.TEAM;
import static dev.tickstream.games.football.FootballRows.TEAM_SIZE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.games.football.Pitch.Seat;
import dev.tickstream.proto.football.v1.FootballInput;
import dev.tickstream.proto.football.v1.SwitchTeam;
import dev.tickstream.sim.GameSpec;
import dev.tickstream.sim.JoinDecision;
import dev.tickstream.sim.JoinRequest;
import dev.tickstream.sim.LeaveReason;
import dev.tickstream.sim.OfflineRoom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Modes, seats, teams, the room's openness, and what the spec declares and checks. */
class FootballJoinTest {
  private static final int RED = FootballGame.RED;
  private static final int BLUE = FootballGame.BLUE;

  @Test
  void teamsAreBalancedWhenNoTeamIsAsked() {
    Pitch pitch = Pitch.of("3v3");
    int[] teams = new int[6];
    for (int i = 0; i < 6; i++) {
      teams[i] = pitch.get(pitch.join("p" + i, null), TEAM);
    }
    assertEquals(List.of(RED, BLUE, RED, BLUE, RED, BLUE),
        java.util.Arrays.stream(teams).boxed().toList());
  }

  @Test
  void anAskedTeamIsHonouredAndBalancingFillsTheOther() {
    Pitch pitch = Pitch.of("2v2");
    assertEquals(BLUE, pitch.get(pitch.join("a", "blue"), TEAM));
    assertEquals(BLUE, pitch.get(pitch.join("b", "blue"), TEAM));
    assertEquals(RED, pitch.get(pitch.join("c", ""), TEAM));
  }

  @Test
  void aFullTeamIsRefusedWithAReason() {
    Pitch pitch = Pitch.of("1v1");
    pitch.join("a", "red");
    JoinDecision d = pitch.ask("b", "red");
    assertFalse(d.accepted());
    assertEquals("team red is full (1v1)", d.reason());
    assertTrue(pitch.ask("b", "blue").accepted());
  }

  @Test
  void anAcceptedRequestHoldsItsSeatUntilItJoins() {
    Pitch pitch = Pitch.of("1v1");
    assertTrue(pitch.ask("a", "blue").accepted());
    assertFalse(pitch.ask("b", "blue").accepted());
    int id = pitch.game.onJoin(new Seat(1, "a", 0));
    pitch.game.writeState(pitch.table);
    assertEquals(BLUE, pitch.get(id, TEAM));
  }

  @Test
  void aFullRoomIsRefusedAndClosedToMatchmakingUntilASeatFrees() {
    Pitch pitch = Pitch.of("1v1");
    assertTrue(pitch.room.isOpen());
    Seat a = pitch.join("a", null);
    pitch.join("b", null);
    assertFalse(pitch.room.isOpen());
    JoinDecision d = pitch.ask("c", null);
    assertFalse(d.accepted());
    assertEquals("room is full (1v1)", d.reason());
    pitch.game.onLeave(a, LeaveReason.LEFT);
    assertTrue(pitch.room.isOpen());
    assertTrue(pitch.ask("c", null).accepted());
  }

  @Test
  void spectatorsAreAcceptedInAFullRoom() {
    Pitch pitch = Pitch.of("1v1");
    pitch.join("a", null);
    pitch.join("b", null);
    assertTrue(pitch.game.onJoinRequest(new JoinRequest("s", true, null, Map.of())).accepted());
  }

  @Test
  void anUnknownModeRefusesEveryJoin() {
    Pitch pitch = Pitch.of("11v11");
    JoinDecision d = pitch.ask("a", null);
    assertFalse(d.accepted());
    assertEquals("unknown mode '11v11': 1v1, 2v2 or 3v3", d.reason());
    assertFalse(pitch.game.onJoinRequest(new JoinRequest("s", true, null, Map.of())).accepted());
    assertFalse(pitch.room.isOpen());
  }

  @Test
  void matchmakingMakesNoRoomForAnUnknownMode() {
    var spec = FootballGame.spec();
    assertEquals("unknown mode '11v11': 1v1, 2v2 or 3v3",
        spec.checkOptions(Map.of("mode", "11v11")));
    assertEquals(null, spec.checkOptions(Map.of("mode", "2v2")));
    assertEquals(null, spec.checkOptions(Map.of()));
  }

  @Test
  void theModeSetsTheTeamSizeAndDefaultsTo3v3() {
    assertEquals(1, Pitch.of("1v1").match(TEAM_SIZE));
    assertEquals(2, Pitch.of("2v2").game.teamSize());
    Pitch plain = new Pitch(FootballRules.defaults(), 20, 1, Map.of());
    assertEquals(3, plain.match(TEAM_SIZE));
  }

  @Test
  void anUnknownTeamOrBadJoinDataIsRefused() {
    Pitch pitch = Pitch.of("3v3");
    assertEquals("unknown team 'green': red, blue or empty", pitch.ask("a", "green").reason());
    JoinDecision d = pitch.game.onJoinRequest(
        new JoinRequest("a", false, new byte[] {0x0A, 0x05, 'r'}, Map.of()));
    assertFalse(d.accepted());
    assertEquals("join data is not a tickstream.football.v1.FootballJoin", d.reason());
  }

  @Test
  void switchTeamIsHonouredInWarmupWhenThereIsRoom() {
    Pitch pitch = Pitch.of("2v2");
    Seat a = pitch.join("a", "red");
    pitch.game.onMessage(a, SwitchTeam.newBuilder().setTeam("blue").build());
    pitch.game.writeState(pitch.table);
    assertEquals(BLUE, pitch.get(a, TEAM));
    assertTrue(pitch.get(a, FootballRows.X) > 1200, "moved to blue's half");
  }

  @Test
  void switchTeamIsIgnoredDuringARoundOrIntoAFullTeam() {
    Pitch pitch = Pitch.of("1v1");
    Seat a = pitch.join("a", "red");
    Seat b = pitch.join("b", "blue");
    pitch.game.onMessage(a, SwitchTeam.newBuilder().setTeam("blue").build()); // blue is full
    pitch.step();
    assertEquals(RED, pitch.get(a, TEAM));
    assertEquals(FootballMatch.KICKOFF, pitch.match(PHASE));
    pitch.game.onLeave(b, LeaveReason.LEFT);
    pitch.game.onMessage(a, SwitchTeam.newBuilder().setTeam("blue").build()); // kick-off
    pitch.game.writeState(pitch.table);
    assertEquals(RED, pitch.get(a, TEAM));
  }

  @Test
  void inputCheckRefusesOutOfRangeMoves() {
    assertNull(FootballSpec.checkInput(FootballInput.newBuilder().setMoveX(-127).setMoveY(127)
        .setKick(true).setDash(true).build()));
    assertEquals("move out of range -127..127",
        FootballSpec.checkInput(FootballInput.newBuilder().setMoveX(128).build()));
    assertEquals("move out of range -127..127",
        FootballSpec.checkInput(FootballInput.newBuilder().setMoveY(-128).build()));
    GameSpec.InvalidMessageException e = assertThrows(GameSpec.InvalidMessageException.class,
        () -> FootballGame.spec().input().parse(
            FootballInput.newBuilder().setMoveX(1000).build().toByteArray()));
    assertEquals("input: move out of range -127..127", e.getMessage());
  }

  @Test
  void switchTeamCheckRefusesUnknownTeams() {
    assertNull(FootballSpec.checkSwitch(SwitchTeam.newBuilder().setTeam("red").build()));
    assertEquals("team must be red or blue",
        FootballSpec.checkSwitch(SwitchTeam.newBuilder().setTeam("").build()));
  }

  @Test
  void specDeclaresTheGameUnderTheNameFootball() {
    GameSpec<FootballInput> spec = FootballGame.spec();
    assertEquals("football", spec.name());
    assertEquals("tickstream.football.v1.FootballInput", spec.input().protoName());
    assertEquals(List.of("switch_team"),
        spec.messages().stream().map(GameSpec.MessageType::name).toList());
    assertEquals(List.of("goal", "kickoff", "round_over", "kick"), spec.eventNames());
    assertEquals(FootballGame.SCHEMA, spec.schema());
    assertEquals(1200, spec.mapWidth());
    assertEquals(800, spec.mapHeight());
    assertEquals(2, spec.positionScale());
    assertEquals(240.0, spec.constants().get("playerSpeed"));
    assertEquals(480.0, spec.constants().get("dashSpeed"));
    assertEquals(20.0, spec.constants().get("playerRadius"));
    assertEquals(12.0, spec.constants().get("ballRadius"));
    assertEquals(List.of("player", "ball", "match"),
        spec.schema().kinds().stream().map(k -> k.name()).toList());
    assertTrue(spec.create(new OfflineRoom("r", 20, 1)) instanceof FootballGame);
  }
}
