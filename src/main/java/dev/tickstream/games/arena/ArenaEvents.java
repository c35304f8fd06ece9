package dev.tickstream.games.arena;

import dev.tickstream.proto.arena.v1.Hit;
import dev.tickstream.proto.arena.v1.Kill;
import dev.tickstream.sim.GameRoom;
import dev.tickstream.sim.Player;
import java.util.HashMap;
import java.util.Map;

/**
 * The combat's events and who gets them. A {@code hit} goes to its shooter (a hit marker) and
 * its target (a damage flash) and nobody else; a {@code kill} goes to those who see the victim,
 * which is everyone in a room without a view radius and a neighbourhood in a big world (sent to
 * a thousand players, kills were a fifth of their bytes).
 *
 * <p>Events for one player are addressed to its {@link Player}, so the seated players are kept
 * here by the entity they steer. Room thread only.
 */
final class ArenaEvents {
  private final GameRoom room;
  private final Map<Integer, Player> byEntity = new HashMap<>();

  ArenaEvents(GameRoom room) {
    this.room = room;
  }

  /** {@code player} steers entity {@code entityId} from now on. */
  void seated(int entityId, Player player) {
    byEntity.put(entityId, player);
  }

  /** Nobody steers {@code entityId} any more (its events have no one to go to). */
  void left(int entityId) {
    byEntity.remove(entityId);
  }

  /** A shot of {@code shooterId} hit {@code targetId} at ({@code x}, {@code y}) wire units. */
  void hit(int shooterId, int targetId, int damage, int x, int y) {
    Hit hit = Hit.newBuilder().setShooter(shooterId).setTarget(targetId).setDamage(damage)
        .setX(x).setY(y).build();
    Player target = byEntity.get(targetId);
    Player shooter = byEntity.get(shooterId);
    if (target != null) {
      room.send(target, hit);
    }
    if (shooter != null && shooter != target) {
      room.send(shooter, hit);
    }
  }

  /** {@code killerId} took {@code victimId}'s last hit points. */
  void kill(int killerId, int victimId) {
    room.sendToViewersOf(victimId, Kill.newBuilder().setKiller(killerId).setVictim(victimId)
        .build());
  }
}
