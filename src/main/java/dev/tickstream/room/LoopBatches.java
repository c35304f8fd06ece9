package dev.tickstream.room;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * One tick's frames for sockets that live on other event loops, handed to each loop in one
 * task. A write from a foreign thread costs Vert.x a queued task (and often a wake-up of the
 * loop) per socket; run on the socket's own loop, each write goes straight to its channel, so
 * a tick costs one task per loop however many players the room has. Confined to the room's
 * thread until {@link #flush}.
 */
final class LoopBatches {
  private final IdentityHashMap<ClientLink.Loop, Batch> open = new IdentityHashMap<>();
  private long tasks;

  /** Writes now when the socket is on this thread's loop (or has none), else batches it. */
  void send(ClientLink link, Buffer frame) {
    ClientLink.Loop loop = link.loop();
    if (loop == null || loop.inLoop()) {
      link.send(frame);
      return;
    }
    Batch b = open.get(loop);
    if (b == null) {
      b = new Batch();
      open.put(loop, b);
    }
    b.links.add(link);
    b.frames.add(frame);
  }

  /** Hands every open batch to its loop, in the order the frames were added. */
  void flush() {
    if (open.isEmpty()) {
      return;
    }
    // A batch leaves this thread: the next tick starts new ones (one or a few a tick).
    open.forEach((loop, batch) -> loop.execute(batch));
    tasks += open.size();
    open.clear();
  }

  /** Tasks handed to other loops so far (for tests and benchmarks). */
  long tasks() {
    return tasks;
  }

  private static final class Batch implements Runnable {
    final List<ClientLink> links = new ArrayList<>();
    final List<Buffer> frames = new ArrayList<>();

    @Override
    public void run() {
      for (int i = 0; i < links.size(); i++) {
        links.get(i).send(frames.get(i));
      }
    }
  }
}
