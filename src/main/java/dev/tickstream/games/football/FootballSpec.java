package dev.tickstream.games.football;

import dev.tickstream.proto.football.v1.FootballInput;
import dev.tickstream.proto.football.v1.Goal;
import dev.tickstream.proto.football.v1.Kick;
import dev.tickstream.proto.football.v1.Kickoff;
import dev.tickstream.proto.football.v1.RoundOver;
import dev.tickstream.proto.football.v1.SwitchTeam;
import dev.tickstream.sim.GameSpec;

/**
 * Football as a node serves it ({@link FootballGame#spec(FootballRules)}): its input, the
 * message and events its clients may send and receive, its entity schema, world and the
 * constants clients predict with. Apart from {@link FootballGame} because it is not a room's:
 * one spec is shared by every room, and its checks run on the connections' threads, so they are
 * pure functions.
 */
final class FootballSpec {
  private FootballSpec() {}

  static GameSpec<FootballInput> of(FootballRules rules) {
    return GameSpec.<FootballInput>builder("football", room -> new FootballGame(room, rules))
        .input(FootballInput.parser(), FootballInput.getDefaultInstance(),
            FootballSpec::checkInput)
        .message("switch_team", SwitchTeam.getDefaultInstance(), FootballSpec::checkSwitch)
        .event("goal", Goal.getDefaultInstance())
        .event("kickoff", Kickoff.getDefaultInstance())
        .event("round_over", RoundOver.getDefaultInstance())
        .event("kick", Kick.getDefaultInstance())
        .schema(FootballGame.SCHEMA)
        .world(rules.mapWidth(), rules.mapHeight(), rules.positionScale())
        .options(FootballLobby::checkOptions)
        .constant("playerSpeed", rules.playerSpeed())
        .constant("dashSpeed", rules.dashSpeed())
        .constant("dashMs", rules.dashMs())
        .constant("dashCooldownMs", rules.dashCooldownMs())
        .constant("playerRadius", rules.playerRadius())
        .constant("ballRadius", rules.ballRadius())
        .constant("goalWidth", rules.goalWidth())
        .constant("kickSpeed", rules.kickSpeed())
        .constant("kickReach", rules.kickReach())
        .constant("kickCooldownMs", rules.kickCooldownMs())
        .constant("ballFriction", rules.ballFriction())
        .constant("ballStopSpeed", rules.ballStopSpeed())
        .constant("wallBounce", rules.wallBounce())
        .constant("playerBounce", rules.playerBounce())
        .constant("roundMs", rules.roundMs())
        .constant("kickoffMs", rules.kickoffMs())
        .constant("goalMs", rules.goalMs())
        .constant("overMs", rules.overMs())
        .build();
  }

  /** Null for an input in range, else why not. */
  static String checkInput(FootballInput in) {
    if (in.getMoveX() < -127 || in.getMoveX() > 127 || in.getMoveY() < -127
        || in.getMoveY() > 127) {
      return "move out of range -127..127";
    }
    return null;
  }

  /** Null for a team switch to "red" or "blue", else why not. */
  static String checkSwitch(SwitchTeam s) {
    return FootballGame.team(s.getTeam()) < 0 ? "team must be red or blue" : null;
  }
}
