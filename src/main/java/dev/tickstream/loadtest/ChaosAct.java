package dev.tickstream.loadtest;

import dev.tickstream.client.GameSession;
import io.vertx.core.buffer.Buffer;
import java.util.SplittableRandom;

/**
 * One chaos bot's misbehaviour. The bot plays as any other until its time comes (see
 * {@link ChaosPlan}), then does its {@link ChaosKind} and reports what the server answered to
 * the tally. Runs on the bot's event loop, like the bot.
 */
final class ChaosAct {
  /** Over the default maxFrameBytes (1024), under the transport's 64 KiB backstop. */
  static final int OVERSIZE_BYTES = 8192;
  /** 30 inputs a beat at 20 Hz is 600/s: ten times the started node's inputsPerSecond. */
  static final int FLOOD_PER_BEAT = 30;
  /** A stopped reader looks again this long after the stall timeout, then every step more. */
  static final long STALL_FIRST_LOOK_MS = 3000;
  static final long STALL_LOOK_STEP_MS = 3000;
  /**
   * At most this many looks. Each look that finds the connection open reads the backlog (and so
   * un-stalls it), so the waits grow; a step under the server's 10 s closing timeout cannot
   * overshoot the window in which the close frame is still queued for it.
   */
  static final int STALL_MAX_LOOKS = 10;
  private static final long LOOK_NANOS = 500_000_000L;

  final ChaosKind kind;
  private final ChaosPlan plan;
  private final int index;
  private final SplittableRandom random;
  private boolean misbehaving;
  private boolean resumedOnce;
  private boolean paused;
  private boolean gaveUp;
  private boolean resumedWell;
  private int looks;
  private long nextLook;
  private int entity;
  private String token;

  ChaosAct(ChaosKind kind, ChaosPlan plan, int index, SplittableRandom random) {
    this.kind = kind;
    this.plan = plan;
    this.index = index;
    this.random = random;
  }

  ChaosPlan plan() {
    return plan;
  }

  void connected() {
    plan.tally.connected(kind);
  }

  void notConnected(Throwable cause) {
    plan.tally.notConnected(kind, String.valueOf(cause.getMessage()));
  }

  /** One input beat; true when the misbehaviour replaces the bot's normal input. */
  boolean beat(Bot bot, GameSession s, long now) {
    if (!misbehaving) {
      long at = plan.misbehaveAt(index);
      if (at == Long.MAX_VALUE || now - at < 0) {
        return false;
      }
      misbehaving = true;
      plan.tally.misbehaved(kind);
      return start(s, now);
    }
    return switch (kind) {
      case FLOOD -> {
        flood(s);
        yield true;
      }
      case STALL -> {
        look(s, now);
        yield false; // keeps sending inputs: it is not idle, only deaf
      }
      case RECONNECT -> false; // back in its seat: it plays on
      default -> true; // waiting for the close: nothing more to send
    };
  }

  private boolean start(GameSession s, long now) {
    switch (kind) {
      case GARBAGE -> {
        byte[] b = new byte[8 + random.nextInt(57)];
        random.nextBytes(b);
        // Field 1 with wire type 7, which does not exist: never a valid ClientMessage.
        b[0] = 0x0F;
        s.sendRaw(Buffer.buffer(b));
      }
      case OVERSIZE -> {
        byte[] b = new byte[OVERSIZE_BYTES];
        random.nextBytes(b);
        s.sendRaw(Buffer.buffer(b));
      }
      case TEXT -> s.socket().writeTextMessage("chaos");
      case FLOOD -> flood(s);
      case STALL -> {
        s.socket().pause();
        paused = true;
        nextLook = now + (plan.stallTimeoutMs + STALL_FIRST_LOOK_MS) * 1_000_000L;
        return false;
      }
      case RECONNECT -> {
        entity = s.welcome().getEntityId();
        token = s.welcome().getResumeToken();
        s.dropConnection();
      }
    }
    return true;
  }

  private void flood(GameSession s) {
    for (int i = 0; i < FLOOD_PER_BEAT; i++) {
      s.sendInput(random.nextInt(-127, 128), random.nextInt(-127, 128), random.nextInt(65536),
          false);
    }
  }

  /**
   * A stopped reader cannot see its close while it does not read, and the server drops the
   * queued close frame (and resets the connection) 10 s after closing: so it reads again now and
   * then. If the close is behind the backlog it arrives at once; if not, it stops reading again.
   */
  private void look(GameSession s, long now) {
    if (now - nextLook < 0) {
      return;
    }
    if (paused) {
      looks++;
      paused = false;
      s.socket().resume();
      nextLook = now + LOOK_NANOS;
    } else if (looks < STALL_MAX_LOOKS) {
      paused = true;
      s.socket().pause();
      nextLook = now + (plan.stallTimeoutMs + STALL_FIRST_LOOK_MS + looks * STALL_LOOK_STEP_MS)
          * 1_000_000L;
    } else {
      gaveUp = true;
      plan.tally.closed(kind, -1, "never closed after " + looks + " looks", true);
      nextLook = now + Long.MAX_VALUE / 2; // reads from now on; the outcome is recorded
    }
  }

  /**
   * The connection ended without the bot closing it. A reconnector that dropped it comes back:
   * returns the token to resume with; otherwise records the close and returns null.
   */
  String closed(GameSession.CloseInfo info) {
    if (kind == ChaosKind.RECONNECT && misbehaving && !resumedOnce) {
      resumedOnce = true;
      return token;
    }
    if (kind == ChaosKind.RECONNECT && resumedOnce) {
      plan.tally.closedAfterResume(kind, info.code(), info.reason(), resumedWell);
    } else if (!gaveUp) {
      plan.tally.closed(kind, info.code(), info.reason(), misbehaving);
    }
    return null;
  }

  void resumed(GameSession s) {
    resumedWell = s.welcome().getResumed() && s.welcome().getEntityId() == entity;
    plan.tally.resumed(kind, s.welcome().getResumed(), s.welcome().getEntityId() == entity);
  }

  void resumeFailed(Throwable cause) {
    plan.tally.resumeFailed(kind, String.valueOf(cause.getMessage()));
  }
}
