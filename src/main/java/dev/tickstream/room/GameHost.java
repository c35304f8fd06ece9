package dev.tickstream.room;

import com.google.protobuf.Message;
import dev.tickstream.sim.Game;
import dev.tickstream.sim.GameRoom;
import dev.tickstream.sim.GameSpec;
import dev.tickstream.sim.Player;
import dev.tickstream.sim.PositionHistory;
import dev.tickstream.sim.Rewind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The room as its game sees it ({@link GameRoom}), and the game as the room drives it: every
 * hook's engine service goes through here. Confined to the room's thread.
 */
final class GameHost implements GameRoom {
  private final Room room;
  private final GameSpec<?> spec;
  private final long seed;
  private final Map<String, String> options;
  private final RoomEvents events;
  private final List<Player> players = new ArrayList<>();
  private final List<Player> playersView = Collections.unmodifiableList(players);
  /** Kicks asked for during a hook, carried out after it (the game is mid-hook). */
  final List<Member> kicks = new ArrayList<>();
  final List<String> kickReasons = new ArrayList<>();
  String closeReason;
  volatile boolean open = true;
  /** Every entity's position for the last {@code rewindTicks} ticks; the room records it. */
  final PositionHistory history;
  private Game<Message> game;

  GameHost(Room room, GameSpec<?> spec, long seed, Map<String, String> options,
      RoomEvents events, int rewindTicks) {
    this.room = room;
    this.spec = spec;
    this.seed = seed;
    this.options = Map.copyOf(options);
    this.events = events;
    this.history = new PositionHistory(rewindTicks, spec.schema());
  }

  /** Makes the game; its constructor is the "room created" hook. */
  @SuppressWarnings("unchecked")
  Game<Message> create() {
    game = (Game<Message>) spec.create(this);
    return game;
  }

  Game<Message> game() {
    return game;
  }

  void seated(Member m) {
    m.seated = true;
    players.add(m);
  }

  void unseated(Member m) {
    m.seated = false;
    players.remove(m);
  }

  @Override
  public String id() {
    return room.id();
  }

  @Override
  public int tickRate() {
    return room.tickRate();
  }

  @Override
  public int tick() {
    return room.currentTick();
  }

  @Override
  public Rewind rewind() {
    return history;
  }

  @Override
  public long seed() {
    return seed;
  }

  @Override
  public Map<String, String> options() {
    return options;
  }

  @Override
  public Collection<Player> players() {
    return playersView;
  }

  @Override
  public void send(Player to, Message event) {
    Objects.requireNonNull(to, "to");
    if (!(to instanceof Member m) || !m.seated || !m.seat.roomId().equals(id())) {
      throw new IllegalArgumentException(to + " is not a player of room " + id());
    }
    events.toOne(m, tick(), event);
  }

  @Override
  public void broadcast(Message event) {
    events.toAll(tick(), event);
  }

  @Override
  public void sendNear(int x, int y, Message event) {
    events.near(x, y, tick(), event);
  }

  @Override
  public void sendToViewersOf(int entityId, Message event) {
    events.viewersOf(entityId, tick(), event);
  }

  @Override
  public void kick(Player player, String reason) {
    if (!(player instanceof Member m) || !m.seated || !m.seat.roomId().equals(id())) {
      throw new IllegalArgumentException(player + " is not a player of room " + id());
    }
    if (!kicks.contains(m)) {
      kicks.add(m);
      kickReasons.add(Objects.requireNonNull(reason, "reason"));
    }
  }

  @Override
  public void close(String reason) {
    closeReason = Objects.requireNonNull(reason, "reason");
  }

  @Override
  public void setMaxPlayers(int maxPlayers) {
    room.limitPlayers(maxPlayers);
  }

  @Override
  public void setOpen(boolean open) {
    this.open = open;
  }
}
