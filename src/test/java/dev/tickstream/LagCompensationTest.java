package dev.tickstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.GameSession;
import dev.tickstream.client.TickstreamClient;
import dev.tickstream.games.arena.ArenaGame;
import dev.tickstream.games.arena.ArenaRules;
import dev.tickstream.proto.arena.v1.ArenaInput;
import dev.tickstream.wire.EntityTable;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lag compensation over real sockets: a shooter that draws the others 100 ms in the past (3
 * ticks at 30 Hz) shoots a target running past at where its screen showed it, stamping the tick
 * it showed. A node that rewinds judges the shot as the shooter saw it: a hit. The same shot on
 * a node with {@code maxRewindMs=0} is judged at the present, where the target has run on: a
 * miss. A claim older than the bound is judged at the bound, not at the claim.
 *
 * <p>The target runs along the top wall, the shooter stands at the bottom wall, so the shot
 * crosses the target's path steeply: a target a few ticks further along is well clear of it.
 */
class LagCompensationTest {
  static final int TICK_RATE = 30;
  static final int DELAY_TICKS = 3; // 100 ms of interpolation
  static final int BOUND_TICKS = 6; // the default maxRewindMs, 200 ms
  /** 15 u/tick running; shots of 200 u/tick; a hit within 25 u; one shot per test. */
  static final ArenaRules RULES =
      new ArenaRules(1200, 1200, 450, 10, 100, 6000, 1000, 25, 10, 60_000, 2);
  static final double SCALE = RULES.positionScale();

  static Vertx vertx;
  static TickstreamServer rewinding;
  static TickstreamServer present;
  static TickstreamClient client;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    String[] env = {"TICK_RATE", String.valueOf(TICK_RATE), "MAX_PLAYERS", "2"};
    rewinding = TestServers.start(vertx, List.of(ArenaGame.spec(RULES)), env);
    present = TestServers.start(vertx, List.of(ArenaGame.spec(RULES)), "TICK_RATE",
        String.valueOf(TICK_RATE), "MAX_PLAYERS", "2", "MAX_REWIND_MS", "0");
    client = new TickstreamClient(vertx, ClientOptions.defaults().withTrust(rewinding.devTrust()));
  }

  @AfterAll
  static void stop() {
    client.close();
    TestServers.await(vertx.close());
  }

  @Test
  void aShotAtWhatTheShooterSawHits() throws Exception {
    assertEquals(1, shoot(rewinding, newest -> newest - DELAY_TICKS, newest -> newest
        - DELAY_TICKS), "the shot at the target as the shooter saw it hits");
  }

  @Test
  void theSameShotWithoutRewindMisses() throws Exception {
    assertEquals(0, shoot(present, newest -> newest - DELAY_TICKS, newest -> newest
        - DELAY_TICKS), "judged at the present, the target has run on");
  }

  @Test
  void aClaimBeyondTheBoundIsJudgedAtTheBound() throws Exception {
    double before = clampedCount();
    // Claims 20 ticks (667 ms); aims where the target was at the bound: the input is applied
    // at the tick after the newest one seen (or the one after that: 15 u off, still a hit).
    assertEquals(1, shoot(rewinding, newest -> newest - 20,
        newest -> newest + 1 - BOUND_TICKS), "judged at now - bound, not at the claim");
    assertTrue(clampedCount() > before, "the clamp is counted");
  }

  /** Picks the view tick the shooter claims, from the newest tick it has. */
  interface TickRule {
    int at(int newest);
  }

  /**
   * Seats a shooter and a target in a fresh room, runs the target along the top wall and fires
   * once from the bottom wall, claiming {@code claim}'s tick and aiming at where the target is
   * at {@code aimAt}'s tick plus the shot's flight; returns the hits the target took.
   */
  private int shoot(TickstreamServer server, TickRule claim, TickRule aimAt) throws Exception {
    String base = TestServers.http(server);
    GameSession shooter = TestServers.await(client.join(base, "shooter", "player"));
    GameSession target = TestServers.await(client.join(base, "target", "player"));
    try {
      assertEquals(shooter.welcome().getRoomId(), target.welcome().getRoomId());
      int me = shooter.welcome().getEntityId();
      int him = target.welcome().getEntityId();
      input(shooter, 0, 127, 0, false); // to the bottom wall
      input(target, 0, -127, 0, false); // to the top wall
      double[] self = awaitAtWall(shooter, me, RULES.mapHeight() - RULES.playerRadius());
      double[] t = awaitAtWall(shooter, him, RULES.playerRadius());
      input(target, t[0] < RULES.mapWidth() / 2.0 ? 127 : -127, 0, 0, false);

      // The shooter's view of the target, by tick, in map units.
      Map<Integer, double[]> seen = new ConcurrentHashMap<>();
      CompletableFuture<Integer> fired = new CompletableFuture<>();
      shooter.snapshotHandler(s -> {
        EntityTable w = shooter.mirror();
        int row = w.indexOf(him);
        if (row < 0 || fired.isDone()) {
          return;
        }
        int newest = s.getTick();
        seen.put(newest, new double[] {shooter.value(him, "x") / SCALE,
            shooter.value(him, "y") / SCALE});
        int from = Math.min(claim.at(newest), aimAt.at(newest)) - 1;
        if (!steady(seen, from, newest)) {
          return; // wait for the target to run steadily through every tick we use
        }
        double[] at = seen.get(aimAt.at(newest));
        double vx = at[0] - seen.get(aimAt.at(newest) - 1)[0];
        double aim = lead(self, at, vx);
        shooter.viewTick(claim.at(newest));
        shooter.sendInput(ArenaInput.newBuilder().setAim((int) Math.round(aim)).setFire(true)
            .build());
        fired.complete(newest);
      });
      fired.get(10, TimeUnit.SECONDS);
      Thread.sleep(1500); // the shot's flight is under 10 ticks; its lifetime 1 s
      CompletableFuture<Integer> hp = new CompletableFuture<>();
      shooter.context().runOnContext(v -> hp.complete(shooter.value(him, "hp")));
      return (RULES.maxHp() - hp.get(5, TimeUnit.SECONDS)) / RULES.damage();
    } finally {
      TestServers.await(shooter.leave());
      TestServers.await(target.leave());
    }
  }

  /**
   * The aim (0..65535 per turn) that meets a target at {@code at} running at {@code vx} per
   * tick along x: the flight tick k at which the shot's segment reaches the target's point k
   * ticks on, as the shot is judged there tick by tick.
   */
  private static double lead(double[] from, double[] at, double vx) {
    double perTick = RULES.projectileSpeed() / TICK_RATE;
    for (int k = 1; k < 30; k++) {
      double px = at[0] + k * vx;
      double d = Math.hypot(px - from[0], at[1] - from[1]);
      if (Math.ceil(d / perTick) == k) {
        double a = Math.atan2(at[1] - from[1], px - from[0]);
        return Math.floorMod(Math.round(a / (2 * Math.PI) * 65536), 65536);
      }
    }
    throw new AssertionError("no intercept");
  }

  /** Whether the target was seen at every tick of from..to, moving the same step each tick. */
  private static boolean steady(Map<Integer, double[]> seen, int from, int to) {
    double step = Double.NaN;
    for (int t = from + 1; t <= to; t++) {
      double[] a = seen.get(t - 1);
      double[] b = seen.get(t);
      if (a == null || b == null || a[1] != b[1]) {
        return false;
      }
      double d = b[0] - a[0];
      if (d == 0 || (!Double.isNaN(step) && d != step)) {
        return false;
      }
      step = d;
    }
    return true;
  }

  /** Waits until {@code id}, seen by {@code s}, stands at y = {@code wallY}; its x and y. */
  private static double[] awaitAtWall(GameSession s, int id, double wallY) throws Exception {
    CompletableFuture<double[]> there = new CompletableFuture<>();
    s.snapshotHandler(snap -> {
      if (s.mirror().indexOf(id) >= 0 && s.value(id, "y") / SCALE == wallY) {
        there.complete(new double[] {s.value(id, "x") / SCALE, s.value(id, "y") / SCALE});
      }
    });
    return there.get(10, TimeUnit.SECONDS);
  }

  private static void input(GameSession s, int moveX, int moveY, int aim, boolean fire) {
    s.context().runOnContext(v -> s.sendInput(ArenaInput.newBuilder().setMoveX(moveX)
        .setMoveY(moveY).setAim(aim).setFire(fire).build()));
  }

  private static double clampedCount() {
    String text = TestServers.await(client.get(TestServers.http(rewinding), "/metrics"))
        .toString();
    Matcher m = Pattern.compile("(?m)^tickstream_view_ticks_clamped_total (\\S+)$")
        .matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
