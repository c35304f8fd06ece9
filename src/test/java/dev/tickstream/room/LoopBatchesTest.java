package dev.tickstream.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.reactivex.rxjava3.core.Flowable;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoopBatchesTest {
  private final List<ExecutorService> pools = new ArrayList<>();

  @AfterEach
  void stop() {
    pools.forEach(ExecutorService::shutdownNow);
  }

  @Test
  void oneTaskPerForeignLoopPerTickAndEveryFrameOnItsOwnLoopInOrder() throws Exception {
    TestLoop a = loop("a");
    TestLoop b = loop("b");
    List<Link> links = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      links.add(new Link(i % 3 == 0 ? a : i % 3 == 1 ? b : null));
    }
    LoopBatches batches = new LoopBatches();
    for (int tick = 1; tick <= 5; tick++) {
      for (Link l : links) {
        batches.send(l, Buffer.buffer(new byte[] {(byte) tick}));
      }
      batches.flush();
    }
    a.drain();
    b.drain();
    assertEquals(5, a.tasks.get(), "one task a tick on loop a, whatever its 30 sockets");
    assertEquals(5, b.tasks.get());
    assertEquals(10, batches.tasks());
    for (Link l : links) {
      assertEquals(List.of(1, 2, 3, 4, 5), l.ticks, "every frame, in order");
      Thread expected = l.loop == null ? Thread.currentThread() : l.loop.thread;
      l.threads.forEach(t -> assertSame(expected, t, "written on the socket's own loop"));
    }
  }

  @Test
  void aSocketOnTheRoomsOwnLoopIsWrittenAtOnce() throws Exception {
    TestLoop a = loop("a");
    Link[] onA = new Link[1];
    LoopBatches batches = new LoopBatches();
    a.submitAndWait(() -> {
      onA[0] = new Link(a);
      batches.send(onA[0], Buffer.buffer(new byte[] {7}));
      assertEquals(List.of(7), onA[0].ticks, "no task for a socket on the same loop");
      batches.flush();
    });
    a.drain();
    assertEquals(1, a.tasks.get(), "only the test's own task ran on loop a");
    assertEquals(0, batches.tasks());
  }

  private TestLoop loop(String name) throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "loop-" + name));
    pools.add(pool);
    Thread t = pool.submit(Thread::currentThread).get();
    return new TestLoop(pool, t);
  }

  /** A real single-thread loop that counts the tasks it is given. */
  private static final class TestLoop implements ClientLink.Loop {
    final ExecutorService pool;
    final Thread thread;
    final AtomicInteger tasks = new AtomicInteger();

    TestLoop(ExecutorService pool, Thread thread) {
      this.pool = pool;
      this.thread = thread;
    }

    @Override
    public boolean inLoop() {
      return Thread.currentThread() == thread;
    }

    @Override
    public void execute(Runnable r) {
      tasks.incrementAndGet();
      pool.execute(r);
    }

    void submitAndWait(Runnable r) throws Exception {
      tasks.incrementAndGet();
      pool.submit(r).get(10, TimeUnit.SECONDS);
    }

    void drain() throws Exception {
      pool.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }
  }

  /** Records what was written to it and on which thread. */
  private static final class Link implements ClientLink {
    final TestLoop loop;
    final List<Integer> ticks = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();

    Link(TestLoop loop) {
      this.loop = loop;
    }

    @Override
    public Loop loop() {
      return loop;
    }

    @Override
    public synchronized void send(Buffer frame) {
      ticks.add((int) frame.getByte(0));
      threads.add(Thread.currentThread());
    }

    @Override
    public Flowable<Inbound> messages() {
      return Flowable.empty();
    }

    @Override
    public boolean writeQueueFull() {
      return false;
    }

    @Override
    public void close(short code, String reason, String redirectUrl) { }

    @Override
    public Future<Closed> closed() {
      return Future.succeededFuture();
    }

    @Override
    public String remote() {
      return "test";
    }
  }
}
