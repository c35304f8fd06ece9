package dev.tickstream.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * IP address literals from configuration and from hostile headers, parsed strictly and never
 * looked up in DNS, and address ranges ({@code 10.0.0.0/8}, {@code fd00::/8}, a bare address)
 * for {@code trustedProxies}. Immutable, thread-safe.
 */
final class IpAddresses {
  private record Range(byte[] base, int prefix) {
    boolean contains(byte[] a) {
      if (a.length != base.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (a[i] != base[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = 0xff << (8 - rest) & 0xff;
      return (a[full] & mask) == (base[full] & mask);
    }
  }

  private final List<Range> ranges;

  private IpAddresses(List<Range> ranges) {
    this.ranges = ranges;
  }

  /** No range: nobody is trusted. */
  static final IpAddresses NONE = new IpAddresses(List.of());

  /**
   * Parses {@code address} or {@code address/prefix} entries; an entry that is neither throws
   * an IllegalArgumentException naming it (the node does not start).
   */
  static IpAddresses ranges(List<String> entries) {
    List<Range> out = new ArrayList<>();
    for (String e : entries) {
      int slash = e.indexOf('/');
      InetAddress a = literal(slash < 0 ? e : e.substring(0, slash));
      int bits = a == null ? 0 : a.getAddress().length * 8;
      int prefix = bits;
      if (a != null && slash >= 0) {
        try {
          prefix = Integer.parseInt(e.substring(slash + 1));
        } catch (NumberFormatException x) {
          prefix = -1;
        }
      }
      if (a == null || prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("trustedProxies: '" + e
            + "' is not an IP address or CIDR range (like 10.0.0.0/8 or fd00::/8)");
      }
      out.add(new Range(a.getAddress(), prefix));
    }
    return new IpAddresses(List.copyOf(out));
  }

  boolean isEmpty() {
    return ranges.isEmpty();
  }

  boolean contains(InetAddress a) {
    if (a == null) {
      return false;
    }
    byte[] b = a.getAddress();
    for (Range r : ranges) {
      if (r.contains(b)) {
        return true;
      }
    }
    return false;
  }

  /**
   * An IPv4 dotted quad or an IPv6 literal (with or without brackets; an IPv4-mapped IPv6
   * address comes back as IPv4), or null for anything else: never a DNS lookup.
   */
  static InetAddress literal(String s) {
    if (s == null || s.isEmpty() || s.length() > 47) {
      return null;
    }
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    if (s.indexOf(':') < 0) {
      return ipv4(s);
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
        return null; // no zone ids, no names
      }
    }
    try {
      // In brackets the JDK parses a literal or throws; it never resolves a name.
      return InetAddress.getByName("[" + s + "]");
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static InetAddress ipv4(String s) {
    byte[] b = new byte[4];
    int part = 0;
    int value = 0;
    int digits = 0;
    for (int i = 0; i <= s.length(); i++) {
      char c = i == s.length() ? '.' : s.charAt(i);
      if (c == '.') {
        // No empty part, no leading zero (some parsers read those as octal).
        if (digits == 0 || part > 3 || digits > 1 && s.charAt(i - digits) == '0') {
          return null;
        }
        b[part++] = (byte) value;
        value = 0;
        digits = 0;
      } else if (c >= '0' && c <= '9' && digits < 3) {
        value = value * 10 + (c - '0');
        digits++;
        if (value > 255) {
          return null;
        }
      } else {
        return null;
      }
    }
    if (part != 4) {
      return null;
    }
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      return null; // not reached: four bytes are always an address
    }
  }
}
