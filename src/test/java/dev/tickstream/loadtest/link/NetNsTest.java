package dev.tickstream.loadtest.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shaped road through a network namespace: bytes pass a tbf cap at about its rate, and the
 * namespace is gone afterwards. Skips unless this machine lets us make namespaces (root).
 */
@Timeout(90)
class NetNsTest {
  @Test
  void aCappedPathCarriesAboutTheRateAndIsRemovedAfter() throws Exception {
    String why = NetNs.unavailable();
    assumeTrue(why == null, why);
    Vertx vertx = Vertx.vertx();
    String ns;
    try (ServerSocket target = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      LinkPath path = LinkPath.open(vertx, LinkSpec.parse("0ms,rate=800kbit"), 1,
          "http://127.0.0.1:" + target.getLocalPort());
      try {
        ns = path.namespace().name;
        assertTrue(NetNs.exists(ns));
        String routed = path.route("ws://127.0.0.1:" + target.getLocalPort() + "/ws?token=a");
        int port = Integer.parseInt(routed.replaceAll(".*:(\\d+)/ws.*", "$1"));
        assertEquals("ws://127.0.0.1:" + port + "/ws?token=a", routed);
        try (Socket c = new Socket("127.0.0.1", port)) {
          Socket t = target.accept();
          // 400 kB at 800 kbit/s (100 kB/s): about 4 s, not the milliseconds of loopback.
          byte[] chunk = new byte[8192];
          Thread writer = new Thread(() -> {
            try {
              OutputStream out = t.getOutputStream();
              for (int i = 0; i < 50; i++) {
                out.write(chunk);
              }
            } catch (Exception e) {
              // the reader fails below
            }
          });
          long t0 = System.nanoTime();
          writer.start();
          InputStream in = c.getInputStream();
          long read = 0;
          byte[] buf = new byte[65536];
          while (read < 50 * 8192) {
            int n = in.read(buf);
            assertTrue(n > 0);
            read += n;
          }
          double seconds = (System.nanoTime() - t0) / 1e9;
          // A functional check that the shaper is in the path, far from any tuning.
          assertTrue(seconds > 2, "400 kB through an 800 kbit/s cap took " + seconds + " s");
          t.close();
        }
        path.endMeasuring();
        assertTrue(path.json(1).getJsonObject("namespace").getString("tc_stats").contains("tbf"));
      } finally {
        path.close();
      }
      assertFalse(NetNs.exists(ns), "the namespace is removed");
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
