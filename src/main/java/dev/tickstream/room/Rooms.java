package dev.tickstream.room;

import dev.tickstream.proto.v1.GameSchema;
import dev.tickstream.proto.v1.RoomCheckpoint;
import dev.tickstream.sim.GameSpec;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The rooms of this node, the games it serves and the contexts (event loops) that host them.
 * Thread-safe: the gateway's event loops call it concurrently. Matchmaking fills the fullest
 * open room of the asked game and options first (so rooms fill up rather than spread thin) and
 * creates a room on the least-loaded host.
 */
public final class Rooms {
  private static final System.Logger LOG = System.getLogger(Rooms.class.getName());
  private final RoomOptions options;
  private final Map<String, GameSpec<?>> games = new LinkedHashMap<>();
  private final Map<String, GameSchema> schemas = new LinkedHashMap<>();
  private final long seed;
  private final Function<Seat, String> resumeTokens;
  private final RoomMetrics metrics;
  private final List<Context> hosts = new CopyOnWriteArrayList<>();
  private final Map<String, Room> rooms = new ConcurrentHashMap<>();
  private final Map<String, Context> hostOf = new ConcurrentHashMap<>();
  /** Private rooms' join codes, to room ids. */
  private final Map<String, String> privateRooms = new ConcurrentHashMap<>();
  private final AtomicLong created = new AtomicLong();
  private volatile RoomObserver newRoomObserver;
  private final List<Consumer<Room>> roomListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<String>> closeListeners = new CopyOnWriteArrayList<>();

  /** @param games the games this node serves; the first is the default */
  private volatile dev.tickstream.replay.Recordings recordings;

  public Rooms(RoomOptions options, List<GameSpec<?>> games, long seed, RoomMetrics metrics,
      Function<Seat, String> resumeTokens) {
    if (games.isEmpty()) {
      throw new IllegalArgumentException("a node serves at least one game");
    }
    for (GameSpec<?> g : games) {
      if (this.games.putIfAbsent(g.name(), g) != null) {
        throw new IllegalArgumentException("game " + g.name() + " registered twice");
      }
      schemas.put(g.name(), Welcomes.schema(g));
    }
    this.metrics = metrics;
    this.options = options;
    this.seed = seed;
    this.resumeTokens = resumeTokens;
  }

  /** Adds an event-loop context on which rooms may run. */
  public void addHost(Context context) {
    if (!context.isEventLoopContext()) {
      throw new IllegalArgumentException("rooms run on event-loop contexts");
    }
    hosts.add(context);
  }

  /** The games this node serves, by name, the default first. */
  public Map<String, GameSpec<?>> games() {
    return java.util.Collections.unmodifiableMap(games);
  }

  /** The game matchmaking picks when a request names none. */
  public GameSpec<?> defaultGame() {
    return games.values().iterator().next();
  }

  /**
   * Reserves a seat: in {@code roomId} when given (null when it is unknown or full), otherwise
   * in the fullest open room of the default game, or in a new room.
   */
  public Seat reserve(Role role, String roomId) {
    return reserve(role, roomId, defaultGame().name(), Map.of());
  }

  /**
   * Reserves a seat: in {@code roomId} when given (null when it is unknown or full), otherwise
   * in the fullest open room of {@code game} made with the same {@code roomOptions}, or in a
   * new one.
   *
   * @throws IllegalArgumentException for a game this node does not serve
   */
  public synchronized Seat reserve(Role role, String roomId, String game,
      Map<String, String> roomOptions) {
    if (roomId != null) {
      Room room = rooms.get(roomId);
      return room == null || room.privateCode() != null ? null : room.tryReserve(role);
    }
    requireGame(game);
    List<Room> open = new ArrayList<>();
    for (Room r : rooms.values()) {
      if (r.privateCode() == null && r.spec().name().equals(game)
          && r.roomOptions().equals(roomOptions)) {
        open.add(r);
      }
    }
    open.sort((a, b) -> Integer.compare(b.players(), a.players()));
    for (Room room : open) {
      Seat seat = room.tryReserve(role);
      if (seat != null) {
        return seat;
      }
    }
    return create(game, roomOptions, true).tryReserve(role);
  }

  /**
   * Creates a private room of {@code game} (never matched, joined only with its code) and
   * reserves a seat in it; the room's {@link Room#privateCode()} is the code to share.
   */
  public synchronized Seat reservePrivate(Role role, String game,
      Map<String, String> roomOptions) {
    Room room = create(game, roomOptions, true);
    String code;
    do {
      code = Ids.privateCode();
    } while (privateRooms.containsKey(code));
    room.makePrivate(code);
    privateRooms.put(code, room.id());
    return room.tryReserve(role);
  }

  /** A seat in the private room with {@code code}, or null when none has that code or a seat. */
  public Seat reserveByCode(Role role, String code) {
    String id = privateRooms.get(code.toUpperCase(java.util.Locale.ROOT));
    Room room = id == null ? null : rooms.get(id);
    return room == null ? null : room.tryReserve(role);
  }

  /** The id of this node's private room with {@code code}, or null. */
  public String privateRoom(String code) {
    return privateRooms.get(code.toUpperCase(java.util.Locale.ROOT));
  }

  private GameSpec<?> requireGame(String game) {
    GameSpec<?> spec = games.get(game);
    if (spec == null) {
      throw new IllegalArgumentException("unknown game '" + game + "'; this node serves "
          + games.keySet());
    }
    return spec;
  }

  /** Creates and starts a room of the default game on the host with the fewest rooms. */
  public Room create() {
    return create(true);
  }

  /** A room of the default game; see {@link #create(String, Map, boolean)}. */
  public Room create(boolean clocked) {
    return create(defaultGame().name(), Map.of(), clocked);
  }

  /**
   * Creates a room of {@code game} on the host with the fewest rooms; with {@code clocked}
   * false it ticks only when told ({@link Room#tickNow}), for tools that run a workload faster
   * than real time. Throws when the game's constructor throws.
   */
  public synchronized Room create(String game, Map<String, String> roomOptions,
      boolean clocked) {
    GameSpec<?> spec = requireGame(game);
    if (rooms.size() >= options.maxRooms()) {
      metrics.roomsRefused.increment();
      throw new NodeFullException(options.maxRooms());
    }
    Context host = leastLoadedHost();
    String id = Ids.roomId();
    long roomSeed = seed + created.incrementAndGet() * 0x9E3779B97F4A7C15L;
    Room room;
    try {
      room = new Room(id, host, options, spec, schemas.get(game), roomSeed, roomOptions,
          metrics, resumeTokens, () -> closed(id));
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "game " + game + " failed to create room " + id, e);
      throw new IllegalStateException("game " + game + " failed to create a room", e);
    }
    register(room, host);
    room.start(clocked);
    return room;
  }

  /** Records rooms created from now on whose game {@code recordings} records (null: none). */
  public void recordTo(dev.tickstream.replay.Recordings recordings) {
    this.recordings = recordings;
  }

  private void register(Room room, Context host) {
    room.recordTo(recordings);
    RoomObserver o = newRoomObserver;
    if (o != null) {
      room.observer(o);
    }
    rooms.put(room.id(), room);
    hostOf.put(room.id(), host);
    roomListeners.forEach(c -> c.accept(room));
  }

  private Context leastLoadedHost() {
    if (hosts.isEmpty()) {
      throw new IllegalStateException("no room hosts registered");
    }
    Context host = hosts.get(0);
    long least = Long.MAX_VALUE;
    for (Context c : hosts) {
      long n = hostOf.values().stream().filter(h -> h == c).count();
      if (n < least) {
        least = n;
        host = c;
      }
    }
    return host;
  }

  private void closed(String id) {
    Room r = rooms.remove(id);
    if (r != null && r.privateCode() != null) {
      privateRooms.remove(r.privateCode());
    }
    hostOf.remove(id);
    closeListeners.forEach(c -> c.accept(id));
  }

  /** This node runs its maximum of rooms ({@code maxRooms}): matchmaking makes no more. */
  public static final class NodeFullException extends IllegalStateException {
    NodeFullException(int max) {
      super("this node runs its maximum of " + max + " rooms; try again later");
    }
  }

  /** Called with the id of every room of this node that closes or is handed over. */
  public void onRoomClosed(Consumer<String> listener) {
    closeListeners.add(listener);
  }

  /** Called with every room this node creates or restores (the cluster's directory). */
  public void onRoom(Consumer<Room> listener) {
    roomListeners.add(listener);
  }

  /**
   * Restores a checkpointed room on the host with the fewest rooms, under its own id; its
   * players have the reconnect grace to come back with their resume tokens.
   */
  public synchronized Room restore(RoomCheckpoint cp) {
    if (rooms.containsKey(cp.getRoomId())) {
      return rooms.get(cp.getRoomId());
    }
    Context host = leastLoadedHost();
    String id = cp.getRoomId();
    GameSpec<?> spec = cp.getGame().isEmpty() ? defaultGame() : requireGame(cp.getGame());
    Room room = new Room(id, host, options, spec, schemas.get(spec.name()),
        seed ^ id.hashCode(), cp.getOptionsMap(), metrics, resumeTokens, () -> closed(id));
    room.restore(cp);
    if (!cp.getPrivateCode().isEmpty()) {
      room.makePrivate(cp.getPrivateCode());
      privateRooms.put(cp.getPrivateCode(), id);
    }
    register(room, host);
    room.start(true);
    return room;
  }

  public Room get(String roomId) {
    return rooms.get(roomId);
  }

  public Collection<Room> all() {
    return rooms.values();
  }

  public RoomOptions options() {
    return options;
  }

  /** Installs {@code observer} on every room created or restored from now on (tests). */
  public void observeNewRooms(RoomObserver observer) {
    this.newRoomObserver = observer;
  }
}
