package dev.tickstream.games.football;

import com.google.protobuf.Message;
import dev.tickstream.proto.football.v1.FootballInput;
import dev.tickstream.proto.football.v1.Goal;
import dev.tickstream.proto.football.v1.Kick;
import dev.tickstream.proto.football.v1.Kickoff;
import dev.tickstream.proto.football.v1.RoundOver;
import dev.tickstream.proto.football.v1.SwitchTeam;
import dev.tickstream.sim.EntitySchema;
import dev.tickstream.wire.EntityTable;
import dev.tickstream.sim.Game;
import dev.tickstream.sim.GameRoom;
import dev.tickstream.sim.GameSpec;
import dev.tickstream.sim.JoinDecision;
import dev.tickstream.sim.JoinRequest;
import dev.tickstream.sim.LeaveReason;
import dev.tickstream.sim.Player;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Small-team football, top-down: two teams ("red" defends the left goal, "blue" the right one)
 * run, dash and kick one ball; a ball whose centre crosses a goal line between the posts
 * scores. This class holds the hooks and the entity schema; rounds, kick-offs and the clock are
 * {@link FootballMatch}'s; the ball's and the players' motion {@link FootballPhysics}'s; seats
 * and teams {@link FootballLobby}'s; the rows written and restored {@link FootballRows}'; what
 * a node serves {@link FootballSpec}'s.
 *
 * <p><b>Predicting one's own player.</b> All in wire units (map units times the position scale,
 * 2), integers. At each tick {@code t}, with the last input's stick ({@code moveX}, {@code
 * moveY}) and the player's row ({@code x, y, dash_tick}): nothing moves while the match's phase
 * is {@code kickoff} ({@code t < phase_end}; at {@code t == phase_end} play starts and the step
 * below runs). Otherwise, if the stick is not (0, 0): first, if dash is held or was pressed
 * since the last tick and {@code dash_tick == 0 || t - dash_tick >= dashCooldownTicks}, then
 * {@code dash_tick = t}; the player dashes when {@code dash_tick != 0 && t - dash_tick <
 * dashTicks}; then
 * <pre>
 *   speed   = dashing ? dashSpeed : playerSpeed             // map units per second
 *   len     = sqrt(moveX * moveX + moveY * moveY)
 *   perTick = speed * scale * min(1.0, len / 127.0) / tickRate
 *   x = clamp(x + (int) (moveX / len * perTick), minX, maxX)  // (int): towards zero
 *   y = clamp(y + (int) (moveY / len * perTick), minY, maxY)
 * </pre>
 * in IEEE doubles in this order ({@link FootballPhysics#stepAlong}), where {@code minX =
 * ceil(playerRadius * scale)}, {@code maxX = floor((mapWidth - playerRadius) * scale)}, and
 * the same for y with mapHeight. Ticks from milliseconds are {@code ceil(ms * tickRate / 1000)},
 * at least 1. The row's {@code vx, vy} are the wire units moved in the last tick (0 after a
 * kick-off reset), so a steady run costs nothing on the wire. Players do not collide with
 * each other. The ball is the server's alone (clients draw it from snapshots).
 *
 * <p>Entities: the match (id 1), the ball (id 2), then players (3, 4, ...; ids never reused).
 * A football room is meant to run without a view radius (the field is one screen); with one,
 * the match row counts as at the centre ({@link #positions}). Events: {@code goal}, {@code kickoff} and
 * {@code round_over} to everyone, {@code kick} to those who see the ball. The room stays open
 * to matchmaking while a seat is free (players drop in and out of rounds) and is never closed
 * by the game.
 *
 * <p>Not thread-safe: called only from its room's thread (see {@link Game}).
 */
public final class FootballGame implements Game<FootballInput> {

  /** Team numbers, the {@code team} and {@code kickoff_team} enum's values. */
  public static final int RED = 0;
  public static final int BLUE = 1;

  /** Kind values. */
  public static final int KIND_PLAYER = 1;
  public static final int KIND_BALL = 2;
  public static final int KIND_MATCH = 3;

  /**
   * Players, the ball and the match. x, y: centre, wire units. vx, vy: wire units moved in the
   * last tick (x dead-reckons by vx). vel_x, vel_y (ball): its velocity in 1/256 wire units per
   * tick, which the server moves it by. facing (player): direction of its last movement, 256
   * steps. dash_tick, kick_tick (player): when its last dash began and it last kicked (cooldowns
   * and animations). goals (player): goals this round, own goals excluded. touch (ball): the
   * player who last kicked or pushed it. Match: score_red, score_blue (this round), phase,
   * phase_end (tick the phase ends at: kickoff, goal, over; else 0), round_end (tick the round
   * ends at, 0 in warmup), kickoff_team, round (1 for the first), team_size (the mode's),
   * next_id (the id the next player gets: ids are never reused, also across a restore).
   * The fields that change while the ball rolls (1-6) come first: one byte of mask per row.
   */
  public static final EntitySchema SCHEMA = EntitySchema.builder()
      .kinds("player", "ball", "match")
      .position("x", "y")
      .integer("vx", -(1 << 16), 1 << 16)
      .integer("vy", -(1 << 16), 1 << 16)
      .integer("vel_x", -(1 << 24), 1 << 24)
      .integer("vel_y", -(1 << 24), 1 << 24)
      .angle("facing", 8)
      .enumeration("team", "red", "blue")
      .tick("dash_tick")
      .tick("kick_tick")
      .integer("goals", 0, Integer.MAX_VALUE)
      .entity("touch")
      .integer("score_red", 0, Integer.MAX_VALUE)
      .integer("score_blue", 0, Integer.MAX_VALUE)
      .enumeration("phase", "warmup", "kickoff", "play", "goal", "over")
      .tick("phase_end")
      .tick("round_end")
      .enumeration("kickoff_team", "red", "blue")
      .integer("round", 0, Integer.MAX_VALUE)
      .integer("team_size", 0, FootballLobby.MAX_TEAM_SIZE)
      .integer("next_id", 0, Integer.MAX_VALUE)
      .rate("x", "vx")
      .rate("y", "vy")
      .kind("player", "x", "y", "vx", "vy", "facing", "team", "dash_tick", "kick_tick", "goals")
      .kind("ball", "x", "y", "vx", "vy", "vel_x", "vel_y", "touch")
      .kind("match", "score_red", "score_blue", "phase", "phase_end", "round_end",
          "kickoff_team", "round", "team_size", "next_id")
      .build();

  private static final int MATCH_ID = 1;
  private static final int BALL_ID = 2;

  private final GameRoom room;
  private final FootballRules rules;
  private final FootballPhysics physics;
  private final FootballLobby lobby;
  private final List<FootballPlayer> players = new ArrayList<>(); // ascending ids
  private final FootballBall ball = new FootballBall(BALL_ID);
  private final FootballMatch match;
  private int lastTick;

  /** The game of {@code room} with the default rules. */
  public FootballGame(GameRoom room) {
    this(room, FootballRules.defaults());
  }

  /** The game of {@code room}: tick rate, seed and mode (option {@code mode}) from the room. */
  public FootballGame(GameRoom room, FootballRules rules) {
    this.room = Objects.requireNonNull(room, "room");
    this.rules = Objects.requireNonNull(rules, "rules");
    if (room.tickRate() < 5 || room.tickRate() > 120) {
      throw new IllegalArgumentException("tickRate must be 5..120: " + room.tickRate());
    }
    this.physics = new FootballPhysics(rules, room.tickRate());
    this.lobby = new FootballLobby(room.options());
    this.match = new FootballMatch(MATCH_ID, room, physics, players, ball);
    match.teamSize = lobby.teamSize;
    match.nextId = BALL_ID + 1;
    match.kickoffTeam = new SplittableRandom(room.seed()).nextInt(2); // the first kick-off
    ball.place(physics.centreX, physics.centreY);
    // Two teams of the mode's size: matchmaking seats no more than that.
    room.setMaxPlayers(2 * lobby.teamSize);
    updateOpen();
  }

  /** {@link #spec(FootballRules)} with the default rules. */
  public static GameSpec<FootballInput> spec() {
    return spec(FootballRules.defaults());
  }

  /**
   * Football as a node serves it, under the name {@code football}: input {@link FootballInput},
   * message {@code switch_team} ({@link SwitchTeam}), events {@code goal} ({@link Goal}),
   * {@code kickoff} ({@link Kickoff}), {@code round_over} ({@link RoundOver}) and {@code kick}
   * ({@link Kick}); join data {@code FootballJoin}. Constants in map units, units per second
   * and milliseconds, as {@link FootballRules} names them. Declared in {@link FootballSpec}.
   */
  public static GameSpec<FootballInput> spec(FootballRules rules) {
    Objects.requireNonNull(rules, "rules");
    return FootballSpec.of(rules);
  }

  /** RED or BLUE for "red" or "blue", -1 for "", -2 for anything else. */
  static int team(String name) {
    return switch (name) {
      case "red" -> RED;
      case "blue" -> BLUE;
      case "" -> -1;
      default -> -2;
    };
  }

  static String teamName(int team) {
    return team == RED ? "red" : "blue";
  }

  @Override
  public JoinDecision onJoinRequest(JoinRequest request) {
    return lobby.decide(request, match.count(RED), match.count(BLUE));
  }

  @Override
  public int onJoin(Player player) {
    int team = lobby.teamFor(player.name(), match.count(RED), match.count(BLUE));
    FootballPlayer p = new FootballPlayer(newId(), player.name(), team);
    p.facing = team == RED ? 0 : 128; // towards the other goal
    int k = match.count(team);
    players.add(p);
    match.place(p, k);
    updateOpen();
    return p.id;
  }

  @Override
  public void onDrop(Player player) {
    FootballPlayer p = find(player.entityId());
    if (p != null) {
      p.idle(); // a lost player stands still
    }
  }

  @Override
  public void onLeave(Player player, LeaveReason reason) {
    FootballPlayer p = find(player.entityId());
    if (p != null) { // else already gone: leaving twice is harmless
      players.remove(p);
      if (ball.touch == p.id) {
        ball.touch = 0;
      }
      updateOpen();
    }
  }

  @Override
  public void onInput(Player player, FootballInput in) {
    FootballPlayer p = find(player.entityId());
    if (p != null) {
      p.moveX = in.getMoveX();
      p.moveY = in.getMoveY();
      p.kickHeld = in.getKick();
      p.dashHeld = in.getDash();
      p.kickPressed |= in.getKick();
      p.dashPressed |= in.getDash();
    }
  }

  /** {@code switch_team}: honoured in warmup and over when the team has a free seat. */
  @Override
  public void onMessage(Player player, Message message) {
    FootballPlayer p = find(player.entityId());
    if (p != null && message instanceof SwitchTeam s && team(s.getTeam()) >= 0
        && (match.phase == FootballMatch.WARMUP || match.phase == FootballMatch.OVER)) {
      int team = team(s.getTeam());
      int k = match.count(team);
      if (team != p.team && k < lobby.teamSize) {
        p.team = team;
        p.facing = team == RED ? 0 : 128;
        match.place(p, k);
      }
    }
  }

  @Override
  public void step(int tick) {
    if (tick <= lastTick) {
      throw new IllegalArgumentException("tick must grow: " + tick + " after " + lastTick);
    }
    lastTick = tick;
    match.advance(tick);
    boolean frozen = match.playersFrozen();
    for (FootballPlayer p : players) {
      physics.movePlayer(p, tick, frozen);
    }
    if (match.ballLive()) {
      for (FootballPlayer p : players) { // the lowest id in reach kicks; one kick per tick
        if (physics.kick(p, ball, tick)) {
          room.sendNear(ball.x, ball.y,
              Kick.newBuilder().setKicker(p.id).setX(ball.x).setY(ball.y).build());
          break;
        }
      }
      int goal = physics.moveBall(ball, players, match.goalsOpen());
      if (goal >= 0) {
        match.goal(tick, goal);
      }
    } else {
      ball.stop();
    }
    for (FootballPlayer p : players) {
      p.kickPressed = false;
      p.dashPressed = false;
    }
  }

  @Override
  public void writeState(EntityTable out) {
    if (out.fieldCount() != SCHEMA.fieldCount()) {
      throw new IllegalArgumentException("table has " + out.fieldCount() + " fields, need "
          + SCHEMA.fieldCount());
    }
    FootballRows.write(out, match, ball, players);
  }

  /**
   * Rebuilds the world from {@code state} exactly as {@link #writeState} wrote it. Intents are
   * not in the state: every player stands still until its next input.
   */
  @Override
  public void restore(EntityTable state, int tick) {
    if (state.fieldCount() != SCHEMA.fieldCount()) {
      throw new IllegalArgumentException("state has " + state.fieldCount() + " fields");
    }
    lobby.clear();
    int maxId = FootballRows.read(state, match, ball, players);
    match.nextId = Math.max(match.nextId, Math.max(BALL_ID, maxId) + 1);
    lastTick = tick;
    updateOpen();
  }

  /** Rows' x, y; the match entity, which has no position, counts as at the field's centre. */
  @Override
  public boolean positions(EntityTable state, int tick, int[] xs, int[] ys) {
    for (int r = 0; r < state.size(); r++) {
      boolean placed = state.get(r, FootballRows.KIND) != KIND_MATCH;
      xs[r] = placed ? state.get(r, FootballRows.X) : physics.centreX;
      ys[r] = placed ? state.get(r, FootballRows.Y) : physics.centreY;
    }
    return true;
  }

  public FootballRules rules() {
    return rules;
  }

  /** The team size of this room's mode. */
  public int teamSize() {
    return lobby.teamSize;
  }

  /** Test hook: puts the ball at (x, y) wire units with velocity (velX, velY) / 256 per tick. */
  void placeBall(int x, int y, int velX, int velY) {
    ball.place(x, y);
    ball.velX = velX;
    ball.velY = velY;
  }

  /** Test hook: puts a player at (x, y) wire units, at rest. */
  void placePlayer(int id, int x, int y) {
    FootballPlayer p = Objects.requireNonNull(find(id), "no player " + id);
    p.x = x;
    p.y = y;
    p.stepX = 0;
    p.stepY = 0;
  }

  FootballPhysics physics() {
    return physics;
  }

  private void updateOpen() {
    room.setOpen(lobby.modeError == null && players.size() < 2 * lobby.teamSize);
  }

  private FootballPlayer find(int id) {
    for (FootballPlayer p : players) {
      if (p.id == id) {
        return p;
      }
    }
    return null;
  }

  private int newId() {
    if (match.nextId == Integer.MAX_VALUE) {
      throw new IllegalStateException("entity ids exhausted");
    }
    return match.nextId++;
  }
}
