package dev.tickstream.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Plain sockets speaking (or not speaking) HTTP/1.1 to a node, from a chosen loopback address,
 * for the tests of what a node does with connections that bring no request.
 */
final class RawHttp {
  private RawHttp() {}

  /** A TCP connection to {@code port} on 127.0.0.1 from {@code local} (e.g. 127.0.0.9). */
  static Socket open(String local, int port) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
    s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    return s;
  }

  /**
   * Waits up to {@code ms} for the server to close {@code s}: true when it did (end of stream
   * or a reset), false when the socket is still open. Any bytes that arrive are skipped.
   */
  static boolean closedWithin(Socket s, long ms) throws IOException {
    long end = System.nanoTime() + ms * 1_000_000;
    InputStream in = s.getInputStream();
    byte[] skip = new byte[4096];
    while (System.nanoTime() < end) {
      s.setSoTimeout((int) Math.max(1, Math.min(250, (end - System.nanoTime()) / 1_000_000)));
      try {
        if (in.read(skip) < 0) {
          return true;
        }
      } catch (SocketTimeoutException stillOpen) {
        // keep waiting
      } catch (IOException reset) {
        return true;
      }
    }
    return false;
  }

  /** GET {@code path} with Connection: close from {@code local}: the status code. */
  static int get(String local, int port, String path) throws IOException {
    try (Socket s = open(local, port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String head = readHead(s.getInputStream());
      return Integer.parseInt(head.substring(9, 12));
    }
  }

  /** The status line and headers of one response (up to the blank line). */
  static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      b.write(c);
      String s = b.toString(StandardCharsets.US_ASCII);
      if (s.endsWith("\r\n\r\n")) {
        return s;
      }
    }
    throw new IOException("closed before a whole response head: " + b);
  }
}
