package dev.tickstream.sim;

import com.google.protobuf.Message;
import java.util.Collection;
import java.util.Map;

/**
 * The room a game runs in: what the engine offers the game. A game receives it in its
 * constructor (see {@link GameSpec.Builder#create}) and keeps it.
 *
 * <p>Threading: call it only from the game's own hooks, which all run on the room's thread.
 *
 * <p>Events ({@code send}, {@code broadcast}, {@code sendNear}, {@code sendToViewersOf}) must
 * be of a type the game declared with {@link GameSpec.Builder#event}; they are stamped with
 * the current tick and reach each addressed client with the next snapshot written to it,
 * reliably and in emission order. A client that lets more than {@code eventBuffer} events queue
 * up unread is closed (1008): events are never dropped silently.
 */
public interface GameRoom {

  /** This room's id, as matchmaking and {@code /api/rooms} show it. */
  String id();

  /** Ticks per second: each {@link Game#step} advances the world by {@code 1 / tickRate} s. */
  int tickRate();

  /** The tick being run now (the one {@link Game#step} was or will be called with); 0 before the first. */
  int tick();

  /**
   * Lag compensation: where entities were at a recent tick (see {@link Rewind}), bounded by the
   * node's {@code rewindMs}. Pair it with the view tick of
   * {@link Game#onInput(Player, Message, int)}.
   */
  Rewind rewind();

  /** A seed for the game's random source: the same seed and inputs give the same match. */
  long seed();

  /** The options the room was created with by matchmaking (for example {@code mode}). */
  Map<String, String> options();

  /** The players seated now (connected or waiting for a resume), in joining order. */
  Collection<Player> players();

  /** Sends an event to one player (nothing when it is not connected). */
  void send(Player to, Message event);

  /** Sends an event to every connected client of the room, spectators included. */
  void broadcast(Message event);

  /**
   * Sends an event to the clients whose view holds the point ({@code x}, {@code y}) in wire
   * units: within the room's view radius of the view's centre. Without a view radius: to all.
   */
  void sendNear(int x, int y, Message event);

  /** Sends an event to the clients whose view holds the entity (see {@link #sendNear}). */
  void sendToViewersOf(int entityId, Message event);

  /**
   * Removes a player from the room: its session closes with 4001 and {@code reason}, and
   * {@link Game#onLeave} follows with {@link LeaveReason#KICKED}.
   */
  void kick(Player player, String reason);

  /** Closes the room after this tick: every session closes with 1000 and {@code reason}. */
  void close(String reason);

  /**
   * The most players this room seats (its capacity for the mode it was created with): at most
   * the node's {@code maxPlayers}, which is also the default. Matchmaking reserves no more seats
   * than this, so players are not seated only to be refused. Call it in the constructor.
   */
  void setMaxPlayers(int maxPlayers);

  /**
   * Whether matchmaking may seat new players here (default true). A game locks its room, for
   * example, when a round has started; players can still resume their seats.
   */
  void setOpen(boolean open);
}
