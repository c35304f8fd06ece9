package dev.tickstream.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.TestServers;
import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.GameSession;
import dev.tickstream.client.SeatGrant;
import dev.tickstream.client.TickstreamClient;
import dev.tickstream.proto.arena.v1.ArenaInput;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two nodes in separate JVMs on loopback. Players matchmade through node A land on both; then
 * node B dies (kill -9) or drains (SIGTERM), and its players come back on node A with their
 * own entity and state.
 */
class ClusterFailoverTest {
  static final int X = 1;
  static final int Y = 2;
  static final int HP = 6;
  static final int SCORE = 7;

  /** One player and what it last saw of itself. */
  static final class Player {
    final String name;
    GameSession session;
    int entity;
    String resumeToken;
    volatile int lastTick;
    volatile int[] lastSelf;
    volatile long resumedAtNanos;
    volatile int resumedTick;
    volatile boolean sameEntity;
    volatile String failure;
    String roomId;

    Player(String name) {
      this.name = name;
    }

    void watch(GameSession s) {
      session = s;
      entity = s.welcome().getEntityId();
      resumeToken = s.welcome().getResumeToken();
      s.snapshotHandler(snap -> {
        var w = s.mirror();
        int row = w.indexOf(entity);
        if (row >= 0) {
          int[] self = new int[w.fieldCount()];
          for (int f = 0; f < self.length; f++) {
            self[f] = w.get(row, f);
          }
          lastSelf = self;
          lastTick = snap.getTick();
        }
      });
    }
  }

  @Test
  void playersOfAKilledNodeResumeOnTheSurvivor() throws Exception {
    run(false);
  }

  @Test
  void drainingNodeHandsItsPlayersOverWithoutLosingAny() throws Exception {
    run(true);
  }

  private void run(boolean drain) throws Exception {
    int portA = NodeProcess.freePort();
    int portB = NodeProcess.freePort();
    int cA = NodeProcess.freePort();
    int cB = NodeProcess.freePort();
    Map<String, String> env = Map.of("MAX_PLAYERS", "2", "CHECKPOINT_INTERVAL_MS", "500",
        "RECONNECT_GRACE_MS", "20000");
    String tag = drain ? "drain" : "kill";
    try (NodeProcess a = NodeProcess.start(tag + "-a", portA, cA, List.of(cA, cB), env);
        NodeProcess b = NodeProcess.start(tag + "-b", portB, cB, List.of(cA, cB), env)) {
      a.awaitReady(2, Duration.ofSeconds(90));
      b.awaitReady(2, Duration.ofSeconds(90));
      Vertx vertx = Vertx.vertx();
      TickstreamClient client = new TickstreamClient(vertx, ClientOptions.defaults());
      List<Player> onB = new ArrayList<>();
      List<Player> all = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Player p = new Player("p" + i);
        SeatGrant g = TestServers.await(client.matchmake(a.http(), p.name, "player", null));
        p.roomId = g.roomId();
        p.watch(TestServers.await(client.connect(g.url(), p.name)));
        startDriving(vertx, p);
        all.add(p);
        if (g.url().contains(":" + portB + "/")) {
          onB.add(p);
        }
      }
      assertTrue(onB.size() >= 2 && onB.size() <= 6, "players on both nodes: " + onB.size()
          + " of 8 on B");
      Thread.sleep(3000); // play, so checkpoints hold moved players

      List<CompletableFuture<Void>> resumed = new ArrayList<>();
      for (Player p : onB) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        resumed.add(done);
        p.session.closed().onComplete(ar -> resume(vertx, client, a, p, ar.result(), done));
      }
      long killedAt = System.nanoTime();
      int[] tickAtKill = onB.stream().mapToInt(p -> p.lastTick).toArray();
      List<int[]> stateAtKill = onB.stream().map(p -> p.lastSelf).toList();
      if (drain) {
        b.terminate();
      } else {
        b.kill();
      }
      int ok = 0;
      for (CompletableFuture<Void> f : resumed) {
        try {
          f.get(60, TimeUnit.SECONDS);
          ok++;
        } catch (Exception e) {
          // counted as lost
        }
      }
      double worstSeconds = 0;
      int worstTicksLost = 0;
      int sameState = 0;
      for (int i = 0; i < onB.size(); i++) {
        Player p = onB.get(i);
        if (p.resumedAtNanos == 0) {
          continue;
        }
        worstSeconds = Math.max(worstSeconds, (p.resumedAtNanos - killedAt) / 1e9);
        // The survivor logs the tick each room was restored at: what the player had seen
        // beyond it is the state lost.
        Integer restoredAt = restoredTick(a, p.roomId);
        if (restoredAt != null) {
          worstTicksLost = Math.max(worstTicksLost, tickAtKill[i] - restoredAt);
        }
        int[] before = stateAtKill.get(i);
        int[] after = awaitSelf(p);
        if (after != null && before[HP] == after[HP] && before[SCORE] == after[SCORE]) {
          sameState++;
        }
      }
      String line = String.format("cluster %s: players on B %d, resumed %d, lost %d, same entity"
              + " %d, same hp+score %d; kill-to-resumed worst %.2f s; ticks of state lost"
              + " worst %d%n", drain ? "drain (SIGTERM)" : "failover (kill -9)", onB.size(), ok,
          onB.size() - ok, onB.stream().filter(p -> p.sameEntity).count(), sameState,
          worstSeconds, worstTicksLost);
      System.out.print(line);
      Files.writeString(Path.of("target", "cluster-failover.txt"), line,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      assertEquals(onB.size(), ok, "every player of node B resumed; see " + a.logFile() + "; "
          + onB.stream().map(p -> p.name + ": " + p.failure).toList());
      assertTrue(onB.stream().allMatch(p -> p.sameEntity), "each kept its own entity");
      client.close();
      TestServers.await(vertx.close());
    }
  }

  /** Reconnects a player of the lost node: to the redirect if it got one, else via locate. */
  private static void resume(Vertx vertx, TickstreamClient client, NodeProcess a, Player p,
      GameSession.CloseInfo info, CompletableFuture<Void> done) {
    String redirect = info != null && info.closing() != null
        && !info.closing().getRedirectUrl().isEmpty() ? info.closing().getRedirectUrl() : null;
    Future<GameSession> session = redirect != null ? client.connect(redirect, p.name)
        : client.resume(a.http(), p.resumeToken, p.name, 250, 20_000);
    session.onSuccess(s -> {
      p.resumedAtNanos = System.nanoTime();
      p.resumedTick = s.welcome().getTick();
      p.sameEntity = s.welcome().getResumed() && s.welcome().getEntityId() == p.entity;
      p.watch(s);
      done.complete(null);
    }).onFailure(e -> {
      p.failure = String.valueOf(e);
      done.completeExceptionally(e);
    });
  }

  private static Integer restoredTick(NodeProcess node, String roomId) throws Exception {
    var m = java.util.regex.Pattern.compile("restored room " + roomId + " at tick (\\d+)")
        .matcher(Files.readString(node.log));
    return m.find() ? Integer.valueOf(m.group(1)) : null;
  }

  private static int[] awaitSelf(Player p) throws InterruptedException {
    int tick = p.resumedTick;
    for (int i = 0; i < 40 && p.lastTick <= tick; i++) {
      Thread.sleep(50);
    }
    return p.lastSelf;
  }

  private static void startDriving(Vertx vertx, Player p) {
    Random rnd = new Random(p.name.hashCode());
    vertx.setPeriodic(50, id -> {
      GameSession s = p.session;
      if (s != null && !s.socket().isClosed()) {
        s.context().runOnContext(v -> s.sendInput(ArenaInput.newBuilder()
            .setMoveX(rnd.nextInt(-127, 128)).setMoveY(rnd.nextInt(-127, 128))
            .setAim(rnd.nextInt(65536)).setFire(rnd.nextInt(5) == 0).build()));
      }
    });
  }
}
