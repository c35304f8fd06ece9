package dev.tickstream.loadtest;

import dev.tickstream.proto.arena.v1.ArenaInput;
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
  /**
   * A stopped reader looks at most this many times: each look that finds the connection still
   * open reads its backlog, and so un-stalls it.
   */
  static final int STALL_MAX_LOOKS = 20;
  /** Long enough to read a full backlog on a busy bot loop, well under the 10 s window. */
  private static final long LOOK_NANOS = 1_500_000_000L;

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
  private long beats;
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
        // Pings as well as inputs (50 messages a second, under the node's 60): each pong adds
        // to the backlog, so the write queue fills sooner.
        s.ping(System.currentTimeMillis());
        if ((++beats & 1) == 0) {
          s.ping(System.currentTimeMillis());
        }
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
        plan.stopped(this);
        return false;
      }
      case RECONNECT -> {
        entity = s.welcome().getEntityId();
        token = s.welcome().getResumeToken();
        s.close(); // without a Leave: the server keeps the seat, as for a lost connection
      }
    }
    return true;
  }

  private void flood(GameSession s) {
    for (int i = 0; i < FLOOD_PER_BEAT; i++) {
      s.sendInput(ArenaInput.newBuilder().setMoveX(random.nextInt(-127, 128))
          .setMoveY(random.nextInt(-127, 128)).setAim(random.nextInt(65536)).build());
    }
  }

  /**
   * A stopped reader cannot see its close while it does not read, and the server drops the
   * queued close frame (and resets the connection) 10 s after closing. So it reads again when
   * the server's stall count says one of the stopped readers was closed and it is the likeliest
   * one ({@link ChaosPlan#mayLook}): the close behind the backlog then arrives at once. If it
   * does not within 1.5 s, it was not this one: it stops reading again.
   */
  private void look(GameSession s, long now) {
    if (gaveUp) {
      return;
    }
    if (paused) {
      if (plan.mayLook(this)) {
        looks++;
        paused = false;
        s.socket().resume();
        nextLook = now + LOOK_NANOS;
      }
    } else if (now - nextLook >= 0) {
      plan.lookDone(this);
      if (looks < STALL_MAX_LOOKS) {
        paused = true;
        s.socket().pause();
        plan.stopped(this);
      } else {
        gaveUp = true;
        plan.tally.closed(kind, -1, "not closed after " + looks + " looks", true);
      }
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
      // The server sends a Closing message before its close frame: a close without one (or
      // with another code) was not the server's verdict, e.g. the SDK closing on a bad delta.
      boolean server = info.closing() != null && info.closing().getCode() == info.code();
      String reason = info.reason();
      if (!server && kind == ChaosKind.STALL) {
        // What the stopped reader was doing when it lost the connection: for diagnosis.
        reason = reason + " (" + (paused ? "not reading" : "looking") + ", look " + looks + ")";
      }
      plan.tally.closed(kind, info.code(), reason, misbehaving && server);
    }
    if (kind == ChaosKind.STALL && misbehaving) {
      plan.claimed(this);
    }
    return null;
  }

  void resumed(GameSession s) {
    boolean same = s.welcome().getEntityId() == entity;
    resumedWell = s.welcome().getResumed() && same;
    plan.tally.resumed(kind, s.welcome().getResumed(), same);
  }

  void resumeFailed(Throwable cause) {
    plan.tally.resumeFailed(kind, String.valueOf(cause.getMessage()));
  }
}
