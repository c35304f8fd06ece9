package dev.tickstream.gateway;

import dev.tickstream.room.ClientLink;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event loops sockets live on, one {@link ClientLink.Loop} per loop thread, so that a room
 * can batch a tick's frames per loop (every socket on one thread shares the instance).
 */
final class SocketLoops {
  private final ConcurrentHashMap<Thread, ClientLink.Loop> loops = new ConcurrentHashMap<>();

  /** The calling event loop's; null off an event loop (writes then go as they come). */
  ClientLink.Loop current() {
    Context ctx = Vertx.currentContext();
    if (ctx == null || !ctx.isEventLoopContext()) {
      return null;
    }
    return loops.computeIfAbsent(Thread.currentThread(), t -> new Loop(t, ctx));
  }

  private record Loop(Thread thread, Context context) implements ClientLink.Loop {
    @Override
    public boolean inLoop() {
      return Thread.currentThread() == thread;
    }

    @Override
    public void execute(Runnable task) {
      context.runOnContext(v -> task.run());
    }
  }
}
