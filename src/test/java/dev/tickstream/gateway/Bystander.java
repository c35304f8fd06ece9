package dev.tickstream.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.TestServers;
import dev.tickstream.TickstreamServer;
import dev.tickstream.client.GameSession;
import dev.tickstream.client.TickstreamClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A well-behaved player who records the tick of every snapshot it receives, so a test can show
 * that a misbehaving client in the same room cost it nothing: no tick missing, still connected.
 */
public final class Bystander {
  private final TickstreamClient client;
  private final TickstreamServer server;
  private final GameSession session;
  private final List<Integer> ticks = new CopyOnWriteArrayList<>();

  private Bystander(TickstreamClient client, TickstreamServer server, GameSession session) {
    this.client = client;
    this.server = server;
    this.session = session;
    session.snapshotHandler(s -> ticks.add(s.getTick()));
  }

  /** Joins a room of {@code server} as a player (matchmaking picks or creates the room). */
  public static Bystander join(TickstreamClient client, TickstreamServer server) {
    return new Bystander(client, server, TestServers.await(client.join(TestServers.http(server),
        "steady", "player")));
  }

  /** A freshly matchmade player seat in this bystander's room: its ws:// URL. */
  public String seatUrl() {
    return TestServers.await(client.matchmake(TestServers.http(server), "x", "player",
        roomId())).url();
  }

  public String roomId() {
    return session.welcome().getRoomId();
  }

  /**
   * Waits (bounded) for {@code n} more snapshots, so the check spans some ticks, then asserts
   * at least {@code n} snapshot ticks since the join, without a gap, and the session still open.
   */
  public void assertKeptEveryTick(int n) {
    int target = ticks.size() + n;
    for (int i = 0; i < 400 && ticks.size() < target; i++) {
      sleep(25);
    }
    List<Integer> seen = List.copyOf(ticks);
    assertTrue(seen.size() >= n, "bystander saw " + seen.size() + " snapshots");
    int first = seen.get(0);
    for (int i = 0; i < seen.size(); i++) {
      assertEquals(first + i, seen.get(i), "bystander's snapshot ticks are contiguous");
    }
    assertFalse(session.socket().isClosed(), "bystander still connected");
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
