package dev.tickstream.games.football;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import dev.tickstream.proto.football.v1.FootballInput;
import dev.tickstream.proto.football.v1.FootballJoin;
import dev.tickstream.wire.EntityTable;
import dev.tickstream.sim.JoinDecision;
import dev.tickstream.sim.JoinRequest;
import dev.tickstream.sim.OfflineRoom;
import dev.tickstream.sim.Player;
import java.util.List;
import java.util.Map;

/** A football room driven by hand: joins, inputs and ticks, with the state after each tick. */
final class Pitch {

  /** A seated player as the engine would hand it to the game. */
  record Seat(int id, String name, int entityId) implements Player {
    @Override
    public boolean connected() {
      return true;
    }
  }

  final OfflineRoom room;
  final FootballGame game;
  final EntityTable table = new EntityTable(FootballGame.SCHEMA.fieldCount());
  final Map<String, String> options;
  int tick;
  private int nextSeat = 1;

  Pitch(FootballRules rules, int tickRate, long seed, Map<String, String> options) {
    this.options = options;
    this.room = new OfflineRoom("pitch", tickRate, seed, options);
    this.game = new FootballGame(room, rules);
    game.writeState(table);
  }

  /** Default rules, 20 Hz, seed 1, the given mode. */
  static Pitch of(String mode) {
    return new Pitch(FootballRules.defaults(), 20, 1, Map.of("mode", mode));
  }

  JoinDecision ask(String name, String team) {
    byte[] data = team == null ? new byte[0]
        : FootballJoin.newBuilder().setTeam(team).build().toByteArray();
    return game.onJoinRequest(new JoinRequest(name, false, data, options));
  }

  /** Asks, must be accepted, then takes the seat. */
  Seat join(String name, String team) {
    JoinDecision d = ask(name, team);
    assertTrue(d.accepted(), "refused: " + d.reason());
    Seat s = new Seat(nextSeat++, name, 0);
    s = new Seat(s.id(), name, game.onJoin(s));
    room.seat(s);
    game.writeState(table);
    return s;
  }

  void input(Seat s, int mx, int my, boolean kick, boolean dash) {
    game.onInput(s, FootballInput.newBuilder().setMoveX(mx).setMoveY(my).setKick(kick)
        .setDash(dash).build());
  }

  void step() {
    tick++;
    room.setTick(tick);
    game.step(tick);
    game.writeState(table);
  }

  void steps(int n) {
    for (int i = 0; i < n; i++) {
      step();
    }
  }

  /** Steps until the match's phase is {@code phase} (at most {@code max} ticks). */
  void stepUntilPhase(int phase, int max) {
    for (int i = 0; i < max && match(FootballRows.PHASE) != phase; i++) {
      step();
    }
    assertTrue(match(FootballRows.PHASE) == phase, "phase " + phase + " not reached");
  }

  int get(int id, int field) {
    int r = table.indexOf(id);
    assertTrue(r >= 0, "no entity " + id);
    return table.get(r, field);
  }

  int get(Seat s, int field) {
    return get(s.entityId(), field);
  }

  int ball(int field) {
    return get(2, field);
  }

  int match(int field) {
    return get(1, field);
  }

  FootballPhysics physics() {
    return game.physics();
  }

  /** The events of class {@code type} emitted so far, in order. */
  <M extends Message> List<M> events(Class<M> type) {
    return room.events().stream().map(OfflineRoom.Emitted::event).filter(type::isInstance)
        .map(type::cast).toList();
  }
}
