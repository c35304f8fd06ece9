package dev.tickstream.loadtest.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The relay over real loopback sockets: a blocking client and target on either side. */
@Timeout(60)
class LinkRelayTest {
  private Vertx vertx;
  private ServerSocket target;
  private final List<AutoCloseable> closing = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    target = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
    target.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private LinkRelay relay(String spec, int maxQueued) throws Exception {
    return LinkRelay.start(vertx, LinkSpec.parse(spec), 7, "127.0.0.1", 0, "127.0.0.1",
        target.getLocalPort(), maxQueued).await(10, TimeUnit.SECONDS);
  }

  /** A client through the relay and the target's end of it. */
  private Socket[] pair(LinkRelay r) throws Exception {
    Socket c = new Socket("127.0.0.1", r.port());
    c.setTcpNoDelay(true);
    Socket t = target.accept();
    t.setTcpNoDelay(true);
    closing.add(c);
    closing.add(t);
    return new Socket[] {c, t};
  }

  @Test
  void eachDirectionTakesHalfTheRoundTrip() throws Exception {
    LinkRelay r = relay("100ms", LinkRelay.DEFAULT_MAX_QUEUED);
    Socket[] p = pair(r);
    for (int i = 0; i < 3; i++) {
      long t0 = System.nanoTime();
      p[0].getOutputStream().write(i);
      assertEquals(i, p[1].getInputStream().read());
      long oneWay = System.nanoTime() - t0;
      p[1].getOutputStream().write(i + 10);
      assertEquals(i + 10, p[0].getInputStream().read());
      long rtt = System.nanoTime() - t0;
      assertTrue(oneWay >= 49_000_000L, "one way " + oneWay / 1e6 + " ms");
      assertTrue(rtt >= 99_000_000L, "round trip " + rtt / 1e6 + " ms");
    }
    assertEquals(6, r.counters().bytesUp() + r.counters().bytesDown());
  }

  @Test
  void jitterNeverReorders() throws Exception {
    LinkRelay r = relay("20ms±80ms", LinkRelay.DEFAULT_MAX_QUEUED);
    Socket[] p = pair(r);
    OutputStream out = p[0].getOutputStream();
    for (int i = 0; i < 200; i++) {
      out.write(i);
      out.flush();
      if (i % 10 == 0) {
        Thread.sleep(2);
      }
    }
    InputStream in = p[1].getInputStream();
    for (int i = 0; i < 200; i++) {
      assertEquals(i, in.read(), "byte " + i);
    }
  }

  @Test
  void aLossHoldsItsDirectionForAnRtoThenReleasesWhatQueued() throws Exception {
    LinkRelay r = relay("0ms,loss=30%,rto=300ms", LinkRelay.DEFAULT_MAX_QUEUED);
    Socket[] p = pair(r);
    OutputStream out = p[0].getOutputStream();
    InputStream in = p[1].getInputStream();
    long[] sent = new long[40];
    long[] got = new long[40];
    Thread writer = new Thread(() -> {
      try {
        for (int i = 0; i < 40; i++) {
          sent[i] = System.nanoTime();
          out.write(i);
          out.flush();
          Thread.sleep(20);
        }
      } catch (Exception e) {
        // the test fails below on missing bytes
      }
    });
    writer.start();
    for (int i = 0; i < 40; i++) {
      assertEquals(i, in.read());
      got[i] = System.nanoTime();
    }
    writer.join();
    assertTrue(r.counters().stalls() > 0, "30 % of 40 chunks: some stall");
    long maxLate = 0;
    int released = 0;
    for (int i = 0; i < 40; i++) {
      maxLate = Math.max(maxLate, got[i] - sent[i]);
      // A byte sent during a stall comes out with the stalled one, well before its own RTO.
      if (i > 0 && got[i] - got[i - 1] < 5_000_000L && got[i] - sent[i] > 30_000_000L) {
        released++;
      }
    }
    assertTrue(maxLate >= 299_000_000L, "the longest wait " + maxLate / 1e6 + " ms");
    assertTrue(released > 0, "bytes queued behind a stall are released together");
  }

  @Test
  void aTargetThatDoesNotReadPausesTheSourceWithinTheBound() throws Exception {
    int max = 64 * 1024;
    LinkRelay r = relay("10ms", max);
    Socket[] p = pair(r);
    AtomicLong written = new AtomicLong();
    Thread writer = new Thread(() -> {
      byte[] chunk = new byte[16 * 1024];
      try {
        OutputStream out = p[0].getOutputStream();
        for (int i = 0; i < 2000; i++) { // 32 MB at most
          out.write(chunk);
          written.addAndGet(chunk.length);
        }
      } catch (Exception e) {
        // closed at the end of the test
      }
    });
    writer.setDaemon(true);
    writer.start();
    Thread.sleep(2000);
    assertTrue(r.counters().pauses() > 0, "the source was paused");
    // One read past the mark at most (Vert.x reads up to 64 KiB at a time).
    assertTrue(r.counters().maxQueued() <= max + 64 * 1024,
        "held " + r.counters().maxQueued());
    assertTrue(written.get() < 32L * 1024 * 1024, "the writer was held back by TCP");
    // The target reads again: everything arrives.
    long before = written.get();
    InputStream in = p[1].getInputStream();
    byte[] buf = new byte[64 * 1024];
    long read = 0;
    while (read < before) {
      int n = in.read(buf);
      assertTrue(n > 0);
      read += n;
    }
  }

  @Test
  void closesPropagateBothWaysAfterTheData() throws Exception {
    LinkRelay r = relay("40ms", LinkRelay.DEFAULT_MAX_QUEUED);
    Socket[] p = pair(r);
    p[0].getOutputStream().write(new byte[] {1, 2, 3});
    p[0].close();
    InputStream in = p[1].getInputStream();
    assertEquals(1, in.read());
    assertEquals(2, in.read());
    assertEquals(3, in.read());
    assertEquals(-1, in.read(), "the client's close reaches the target");

    Socket[] q = pair(r);
    q[1].getOutputStream().write(9);
    q[1].close();
    assertEquals(9, q[0].getInputStream().read());
    assertEquals(-1, q[0].getInputStream().read(), "the target's close reaches the client");
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (r.counters().open() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(0, r.counters().open());
    assertEquals(2, r.counters().connections());
  }

  @Test
  void listensOnLoopbackOrTheNamespaceRangeOnly() {
    assertTrue(LinkRelay.allowed("127.0.0.1"));
    assertTrue(LinkRelay.allowed("10.200.3.2"));
    assertTrue(!LinkRelay.allowed("0.0.0.0"));
    assertTrue(!LinkRelay.allowed("10.1.0.1"));
  }

  @Test
  void parsesTheLinkFlag() {
    LinkSpec s = LinkSpec.parse("100ms±20ms,loss=2%");
    assertEquals(100, s.rttMinMs());
    assertEquals(20, s.jitterMs());
    assertEquals(2.0, s.lossPct());
    assertEquals(200, s.rtoMinMs());
    assertEquals(400, s.rtoMaxMs());
    assertEquals(s, LinkSpec.parse("100ms+-20ms,loss=2"));
    LinkSpec r = LinkSpec.parse("50-150ms,rate=2mbit,rto=250-300ms");
    assertEquals(150, r.rttMaxMs());
    assertEquals(2000, r.rateKbit());
    assertEquals(250, r.rtoMinMs());
    assertThrows(IllegalArgumentException.class, () -> LinkSpec.parse("fast"));
    assertThrows(IllegalArgumentException.class, () -> LinkSpec.parse("100ms,loss=90%"));
    assertThrows(IllegalArgumentException.class, () -> LinkSpec.parse("100ms,drop=1%"));
  }
}
