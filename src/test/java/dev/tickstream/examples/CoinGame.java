package dev.tickstream.examples;

import dev.tickstream.examples.coins.Move;
import dev.tickstream.examples.coins.Scored;
import dev.tickstream.sim.*;
import dev.tickstream.wire.EntityTable;
import java.util.Random;
import java.util.TreeMap;

/** Players walk a 100 x 100 field; whoever reaches the coin scores, and it jumps elsewhere. */
public final class CoinGame implements Game<Move> {
  static final EntitySchema SCHEMA = EntitySchema.builder()
      .kinds("player", "coin").position("x", "y").integer("score", 0, 1_000_000).build();

  public static final GameSpec<Move> SPEC = GameSpec.<Move>builder("coins", CoinGame::new)
      .input(Move.parser(), Move.getDefaultInstance(),
          m -> Math.abs(m.getDx()) > 1 || Math.abs(m.getDy()) > 1 ? "dx, dy must be -1..1" : null)
      .event("scored", Scored.getDefaultInstance())
      .schema(SCHEMA)
      .world(100, 100, 1)
      .build();

  private final GameRoom room;
  private final Random random;
  private final TreeMap<Integer, int[]> players = new TreeMap<>(); // id -> x, y, dx, dy, score
  private final int[] coin = {50, 50};
  private int nextId = 2; // the coin is entity 1

  CoinGame(GameRoom room) {
    this.room = room;
    this.random = new Random(room.seed());
  }

  @Override
  public int onJoin(Player player) {
    players.put(nextId, new int[] {random.nextInt(100), random.nextInt(100), 0, 0, 0});
    return nextId++;
  }

  @Override
  public void onLeave(Player player, LeaveReason reason) {
    players.remove(player.entityId());
  }

  @Override
  public void onInput(Player player, Move move) {
    int[] p = players.get(player.entityId());
    p[2] = move.getDx();
    p[3] = move.getDy();
  }

  @Override
  public void step(int tick) {
    players.forEach((id, p) -> {
      p[0] = Math.max(0, Math.min(99, p[0] + p[2]));
      p[1] = Math.max(0, Math.min(99, p[1] + p[3]));
      if (p[0] == coin[0] && p[1] == coin[1]) {
        room.broadcast(Scored.newBuilder().setPlayer(id).setScore(++p[4]).build());
        coin[0] = random.nextInt(100);
        coin[1] = random.nextInt(100);
      }
    });
  }

  @Override
  public void writeState(EntityTable out) {
    out.clear();
    int row = out.add(1, null);
    out.set(row, 0, 2); // kind 2: "coin"
    out.set(row, 1, coin[0]);
    out.set(row, 2, coin[1]);
    players.forEach((id, p) -> {
      int r = out.add(id, null);
      out.set(r, 0, 1); // kind 1: "player"
      out.set(r, 1, p[0]);
      out.set(r, 2, p[1]);
      out.set(r, 3, p[4]);
    });
  }
}
