package dev.tickstream.bench;

import dev.tickstream.proto.v1.ServerMessage;
import dev.tickstream.proto.v1.Snapshot;
import dev.tickstream.games.arena.ArenaGame;
import dev.tickstream.games.arena.ArenaRules;
import dev.tickstream.wire.EntityTable;
import dev.tickstream.games.arena.PlayerInput;
import dev.tickstream.wire.DeltaDecoder;
import dev.tickstream.sync.DeltaEncoder;
import dev.tickstream.sync.InterestGrid;
import dev.tickstream.sync.RowMap;
import dev.tickstream.sync.SnapshotFrames;
import dev.tickstream.wire.SnapshotRing;
import dev.tickstream.sync.ViewDeltas;
import dev.tickstream.sync.ViewEncoder;
import dev.tickstream.sync.ViewRing;
import io.vertx.core.buffer.Buffer;
import java.util.SplittableRandom;

/**
 * A played arena world for the codec benchmarks: the real game stepped with seeded wandering,
 * firing players, its states in a {@link SnapshotRing} and each client's views in a
 * {@link ViewRing}, chosen the way {@link ViewEncoder} chooses them (grid cells of half the
 * radius, its hysteresis). Every client acknowledged the tick {@code ackLag + 1} ticks back.
 */
final class CodecWorld {
  static final int TICK_RATE = 20;
  static final int HISTORY = 64;

  final ArenaGame game;
  final int players;
  final int[] playerIds;
  final SnapshotRing ring;
  final ViewRing[] views;
  final InterestGrid grid;
  final RowMap rowMap = new RowMap();
  final int radius;
  final int keepRadius;
  final int[] rates;
  final DeltaEncoder encoder;
  final ViewDeltas viewDeltas;
  final int[] scratchRows;
  /** The fan-out's per-tick scratch: client order, positions, a last view in current rows. */
  final int[] order;
  private final int[] clientXs;
  private final int[] clientYs;
  private int[] keepNow = new int[256];
  private int keepCount;
  private final EntityTable scratch;
  private final SplittableRandom random;
  private final int[] nextChange;
  int tick;

  /**
   * @param viewRadius in map units; 0: every client sees the whole world
   * @param viewSlots views kept per client: 2 when deltas are made against the last view sent
   *     (the server's default), more to reach an older acknowledged one
   */
  CodecWorld(int players, int viewRadius, int viewSlots, long seed) {
    double density = 100.0 / (Math.PI * 1000.0 * 1000.0);
    int mapSize = viewRadius == 0 ? 4000 : (int) Math.ceil(Math.sqrt(players / density));
    ArenaRules rules = ArenaRules.defaults().withMapSize(mapSize);
    this.game = new ArenaGame(rules, TICK_RATE, seed);
    this.players = players;
    this.random = new SplittableRandom(seed);
    this.playerIds = new int[players];
    this.nextChange = new int[players];
    for (int i = 0; i < players; i++) {
      playerIds[i] = game.addPlayer("bot" + i);
    }
    this.ring = new SnapshotRing(HISTORY, ArenaGame.SCHEMA.fieldCount());
    this.scratch = new EntityTable(ArenaGame.SCHEMA.fieldCount());
    this.views = new ViewRing[players];
    for (int i = 0; i < players; i++) {
      views[i] = new ViewRing(viewSlots);
    }
    int scale = game.rules().positionScale();
    this.radius = viewRadius * scale;
    this.keepRadius = (int) Math.round(radius * ViewEncoder.KEEP_FACTOR);
    this.grid = radius > 0 ? new InterestGrid(mapSize * scale, mapSize * scale,
        Math.max(1, radius / 2)) : null;
    this.rates = ArenaGame.SCHEMA.rates();
    this.encoder = new DeltaEncoder(rates);
    this.viewDeltas = new ViewDeltas(rates);
    this.scratchRows = new int[players * 8];
    this.order = new int[players];
    this.clientXs = new int[players];
    this.clientYs = new int[players];
  }

  /** Plays {@code ticks} ticks: inputs, step, store, and every client's view recorded. */
  void play(int ticks) {
    for (int k = 0; k < ticks; k++) {
      tick++;
      for (int i = 0; i < players; i++) {
        if (tick >= nextChange[i]) {
          double a = random.nextDouble(0, 2 * Math.PI);
          game.applyInput(playerIds[i], new PlayerInput((int) Math.round(Math.cos(a) * 127),
              (int) Math.round(Math.sin(a) * 127), random.nextInt(65536),
              random.nextDouble() < 0.3));
          nextChange[i] = tick + 20 + random.nextInt(21);
        }
      }
      game.step(tick);
      game.writeState(scratch);
      EntityTable state = ring.store(tick, scratch);
      buildGrid(state);
      for (int i = 0; i < players; i++) {
        int n = view(i, state);
        views[i].record(tick, scratchRows, n);
      }
    }
  }

  EntityTable state() {
    return ring.get(tick);
  }

  void buildGrid(EntityTable state) {
    if (grid != null) {
      game.positions(state, tick, grid.xs(state.size()), grid.ys());
      grid.build(state.size());
      rowMap.reset(state);
    }
  }

  /**
   * Writes client {@code i}'s view of {@code state} (the current tick) into scratchRows, as the
   * fan-out does: its last view taken to the current rows once ({@link #mapLastView}), for the
   * query here and {@link #encodeAgainstPrevious} after it.
   */
  int view(int i, EntityTable state) {
    if (grid == null) {
      for (int r = 0; r < state.size(); r++) {
        scratchRows[r] = r;
      }
      return state.size();
    }
    mapLastView(i);
    int self = state.indexOf(playerIds[i]);
    return grid.query(grid.xs()[self], grid.ys()[self], radius, keepRadius, keepNow,
        keepCount, scratchRows);
  }

  /** Client {@code i}'s view at the previous tick, as current rows, into keepNow. */
  void mapLastView(int i) {
    int[] keep = views[i].rows(tick - 1);
    EntityTable sent = ring.get(tick - 1);
    keepCount = keep == null || sent == null ? 0 : views[i].count(tick - 1);
    if (keepCount > 0) {
      keepNow = RowMap.apply(rowMap.of(sent), keep, keepCount, keepNow);
    }
  }

  /** Orders the clients along the grid's path, as the fan-out sends them (after buildGrid). */
  void orderClients(EntityTable state) {
    for (int i = 0; i < players; i++) {
      int self = state.indexOf(playerIds[i]);
      clientXs[i] = grid.xs()[self];
      clientYs[i] = grid.ys()[self];
    }
    grid.orderAlongPath(clientXs, clientYs, players, order);
  }

  /** Encodes client {@code i}'s view at the current tick against its view at {@code base}. */
  void encode(int i, int n, int base) {
    EntityTable b = ring.get(base);
    int[] baseRows = grid == null ? null : views[i].rows(base);
    int baseCount = grid == null ? b.size() : views[i].count(base);
    encoder.encode(b, baseRows, baseCount, state(), grid == null ? null : scratchRows, n,
        tick - base);
  }

  /** Readies the fan-out's fast path for deltas against the previous tick's views. */
  void prepareViewDeltas() {
    rowMap.reset(state());
    viewDeltas.prepare(ring.get(tick - 1), state(), 1);
  }

  /**
   * Encodes client {@code i}'s view at the current tick against its view at the previous
   * tick with the fast path, as the fan-out does (after {@link #prepareViewDeltas} and
   * {@link #mapLastView} for this client, which {@link #view} calls).
   */
  void encodeAgainstPrevious(int i, int n) {
    viewDeltas.encode(scratchRows, n, views[i].rows(tick - 1), keepNow, keepCount);
  }

  /** Client {@code i}'s frame at the current tick against {@code base}. */
  Buffer frame(int i, int base) {
    int n = view(i, state());
    encode(i, n, base);
    return SnapshotFrames.frame(tick, base, tick + 1, encoder.bytes(), encoder.length());
  }

  /** Client {@code i}'s state at {@code base}, as its mirror holds it. */
  EntityTable clientState(int i, int base) {
    EntityTable b = ring.get(base);
    EntityTable out = new EntityTable(b.fieldCount());
    int[] rows = grid == null ? null : views[i].rows(base);
    int n = grid == null ? b.size() : views[i].count(base);
    for (int k = 0; k < n; k++) {
      int r = rows == null ? k : rows[k];
      int row = out.add(b.id(r), b.name(r));
      for (int f = 0; f < b.fieldCount(); f++) {
        out.set(row, f, b.get(r, f));
      }
    }
    return out;
  }

  /** Parses and applies a frame as a client does. */
  static void decode(byte[] frame, EntityTable base, EntityTable out, int[] rates)
      throws Exception {
    Snapshot s = ServerMessage.parseFrom(frame).getSnapshot();
    DeltaDecoder.apply(base, s, out, rates);
  }
}
