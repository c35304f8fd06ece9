package dev.tickstream.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.TestServers;
import dev.tickstream.room.Placements.NoSeatException;
import dev.tickstream.room.Placements.Placement;
import dev.tickstream.room.Placements.SeatRequest;
import dev.tickstream.room.Role;
import dev.tickstream.room.Room;
import io.vertx.core.Future;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A clustered node answers matchmaking as a lone node does, wherever the room is: the private
 * code with a seat by code, and "no such room or no seat in it" (the gateway's 404) for a
 * room asked by id or code that is full on another node.
 */
class ClusterPlacementsTest {

  @Test
  void aRoomAskedForAnswersTheSameOnItsNodeAndOnAnother() {
    try (LocalCluster cluster = new LocalCluster()) {
      LocalCluster.Node a = cluster.node("a", "MAX_PLAYERS", "2");
      LocalCluster.Node b = cluster.node("b", "MAX_PLAYERS", "2");
      String game = a.game();

      Placement host = TestServers.await(a.placements.place(
          new SeatRequest(Role.PLAYER, null, game, Map.of(), true, null)));
      String code = host.privateCode();
      TestServers.await(a.directory.publish());
      Placement here = TestServers.await(a.placements.place(byCode(game, code.toLowerCase())));
      assertEquals(code, here.privateCode(), "a seat by code on the room's node names the code");
      assertEquals(host.seat().roomId(), here.seat().roomId());
      // The room is full (two players): asked by code from its node and from another.
      assertAskedAndRefused(a.placements.place(byCode(game, code)));
      assertAskedAndRefused(b.placements.place(byCode(game, code)));

      Room full = b.rooms().create();
      full.tryReserve(Role.PLAYER);
      full.tryReserve(Role.PLAYER);
      TestServers.await(b.directory.publish());
      SeatRequest byId = new SeatRequest(Role.PLAYER, full.id(), game, Map.of());
      assertAskedAndRefused(b.placements.place(byId));
      assertAskedAndRefused(a.placements.place(byId));
    }
  }

  @Test
  void aSeatByCodeFromAnotherNodeNamesTheCode() {
    try (LocalCluster cluster = new LocalCluster()) {
      LocalCluster.Node a = cluster.node("a");
      LocalCluster.Node b = cluster.node("b");
      Placement host = TestServers.await(a.placements.place(
          new SeatRequest(Role.PLAYER, null, a.game(), Map.of(), true, null)));
      TestServers.await(a.directory.publish());
      Placement there = TestServers.await(b.placements.place(byCode(a.game(),
          host.privateCode())));
      assertEquals(host.privateCode(), there.privateCode());
      assertEquals("ws://a/ws", there.wsUrl(), "the client is sent to the room's node");
    }
  }

  private static SeatRequest byCode(String game, String code) {
    return new SeatRequest(Role.PLAYER, null, game, Map.of(), false, code);
  }

  private static void assertAskedAndRefused(Future<Placement> f) {
    Throwable e = f.toCompletionStage().toCompletableFuture()
        .handle((p, err) -> err).join();
    while (e != null && e.getCause() != null && !(e instanceof NoSeatException)) {
      e = e.getCause();
    }
    assertTrue(e instanceof NoSeatException n && n.roomAsked,
        "refused as a room asked for (404), not as no seat anywhere (503): " + e);
  }
}
