package dev.tickstream.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The forwarding headers count only from trusted proxies, the client is the rightmost address
 * that is not one, and hostile values are ignored (and flagged), never fatal.
 */
class ForwardingTest {
  static final IpAddresses TRUSTED = IpAddresses.ranges(List.of("10.0.0.0/8", "127.0.0.1",
      "fd00::/8"));
  static final Forwarding XFF = new Forwarding(TRUSTED, "x-forwarded");
  static final Forwarding RFC = new Forwarding(TRUSTED, "forwarded");

  static Forwarding.Origin resolve(Forwarding f, String peer, Map<String, String> headers) {
    return f.resolve(peer, false, "node:8080", name -> headers.containsKey(name)
        ? List.of(headers.get(name)) : List.of());
  }

  @Test
  void untrustedPeerIsTheClientWhateverItSends() {
    var o = resolve(XFF, "203.0.113.9", Map.of("X-Forwarded-For", "1.2.3.4",
        "X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example"));
    assertEquals(new Forwarding.Origin("203.0.113.9", false, "node:8080", false), o);
    o = resolve(RFC, "203.0.113.9", Map.of("Forwarded", "for=1.2.3.4;proto=https"));
    assertEquals(new Forwarding.Origin("203.0.113.9", false, "node:8080", false), o);
  }

  @Test
  void xForwardedFromATrustedProxyTakesTheRightmostUntrustedAddress() {
    // The client claims 6.6.6.6; the edge proxy appended its real address, the inner one its own.
    var o = resolve(XFF, "10.1.1.1", Map.of("X-Forwarded-For", "6.6.6.6, 198.51.100.7, 10.2.2.2",
        "X-Forwarded-Proto", "https", "X-Forwarded-Host", "game.example.com"));
    assertEquals(new Forwarding.Origin("198.51.100.7", true, "game.example.com", false), o);
    // The other header family is not read at all.
    o = resolve(XFF, "10.1.1.1", Map.of("Forwarded", "for=198.51.100.7;proto=https"));
    assertEquals(new Forwarding.Origin("10.1.1.1", false, "node:8080", false), o);
  }

  @Test
  void rfc7239FromATrustedProxyUsesTheClientsOwnElement() {
    var o = resolve(RFC, "127.0.0.1", Map.of("Forwarded", "for=6.6.6.6;proto=http, "
        + "for=\"[2001:db8::7]:4711\";proto=https;host=\"game.example.com:443\", "
        + "for=10.9.9.9;proto=http"));
    assertEquals(new Forwarding.Origin("2001:db8:0:0:0:0:0:7", true, "game.example.com:443",
        false), o);
    o = resolve(RFC, "127.0.0.1", Map.of("X-Forwarded-For", "198.51.100.7"));
    assertEquals("127.0.0.1", o.ip());
  }

  @Test
  void garbageIsIgnoredAndFlagged() {
    for (String xff : List.of("not-an-ip", "unknown", "999.1.1.1", "1.2.3", "01.2.3.4",
        "::ffff:zz", "[::1", "a".repeat(5000), "1.2.3.4%eth0", "localhost")) {
      var o = resolve(XFF, "10.0.0.1", Map.of("X-Forwarded-For", xff));
      assertEquals("10.0.0.1", o.ip(), xff);
      assertTrue(o.unusable(), xff);
    }
    var o = resolve(XFF, "10.0.0.1", Map.of("X-Forwarded-For", "198.51.100.7",
        "X-Forwarded-Proto", "gopher", "X-Forwarded-Host", "evil.example/<script>"));
    assertEquals(new Forwarding.Origin("198.51.100.7", false, "node:8080", true), o);
    for (String fwd : List.of("for", "for=", ";;;", "for=\"unterminated", "=,=,=", "for=_hidden",
        "\"\\\"")) {
      o = resolve(RFC, "10.0.0.1", Map.of("Forwarded", fwd));
      assertEquals("10.0.0.1", o.ip(), fwd);
    }
  }

  @Test
  void aClaimLeftOfGarbageIsNotBelieved() {
    var o = resolve(XFF, "10.0.0.1", Map.of("X-Forwarded-For", "198.51.100.7, bogus, 10.3.3.3"));
    assertEquals("10.3.3.3", o.ip());
    assertTrue(o.unusable());
  }

  @Test
  void hopsAreBounded() {
    String many = String.join(",", java.util.Collections.nCopies(1000, "10.0.0.5"));
    var o = resolve(XFF, "10.0.0.1", Map.of("X-Forwarded-For", "198.51.100.7," + many));
    assertEquals("10.0.0.5", o.ip());
    assertTrue(o.unusable());
  }

  @Test
  void addressesAndRanges() {
    assertEquals("192.0.2.1", IpAddresses.literal("192.0.2.1").getHostAddress());
    assertEquals("192.0.2.1", IpAddresses.literal("::ffff:192.0.2.1").getHostAddress());
    assertEquals("0:0:0:0:0:0:0:1", IpAddresses.literal("[::1]").getHostAddress());
    assertNull(IpAddresses.literal("example.com"));
    assertNull(IpAddresses.literal("abc:def:xyz"));
    assertNull(IpAddresses.literal("1.2.3.4.5"));
    assertTrue(TRUSTED.contains(IpAddresses.literal("10.255.0.1")));
    assertFalse(TRUSTED.contains(IpAddresses.literal("11.0.0.1")));
    assertTrue(TRUSTED.contains(IpAddresses.literal("fdab::1")));
    assertFalse(TRUSTED.contains(IpAddresses.literal("fe80::1")));
    assertTrue(IpAddresses.ranges(List.of("192.168.0.0/23")).contains(
        IpAddresses.literal("192.168.1.200")));
    assertFalse(IpAddresses.ranges(List.of("192.168.0.0/23")).contains(
        IpAddresses.literal("192.168.2.1")));
    for (String bad : List.of("10.0.0.0/33", "proxy.internal", "10.0.0.0/x", "::/129")) {
      assertThrows(IllegalArgumentException.class, () -> IpAddresses.ranges(List.of(bad)), bad);
    }
  }
}
