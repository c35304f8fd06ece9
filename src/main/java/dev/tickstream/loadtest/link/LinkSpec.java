package dev.tickstream.loadtest.link;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An impaired link, as the load test's {@code --link} spells it: a round trip (or a range of
 * them, one drawn per connection), jitter, loss shown as TCP shows it to an application (a
 * stall of one retransmission timeout), and optionally a bandwidth cap (a {@code tbf} shaper on a
 * veth into a network namespace, see {@link NetNs}).
 *
 * <p>Examples: {@code 100ms±20ms,loss=2%}, {@code 100ms+-20ms,loss=2%,rate=2mbit},
 * {@code 50-150ms±20ms}, {@code 0ms,rate=256kbit}, {@code 100ms,loss=1%,rto=200-400ms}.
 *
 * @param rttMinMs smallest round trip of a connection, ms
 * @param rttMaxMs largest (a connection's round trip is drawn uniformly in between), ms
 * @param jitterMs the round trip varies by up to this much either way (each direction by half)
 * @param lossPct share of packets lost, percent; each loss holds its direction for an RTO
 * @param rtoMinMs shortest stall, ms
 * @param rtoMaxMs longest stall (a stall's length is drawn uniformly in between), ms
 * @param rateKbit a bandwidth cap in kbit/s through a shaped namespace; 0: none
 */
public record LinkSpec(int rttMinMs, int rttMaxMs, int jitterMs, double lossPct, int rtoMinMs,
    int rtoMaxMs, int rateKbit) {

  /** No impairment: a plain relay (the namespace's forwarder). */
  public static final LinkSpec NONE = new LinkSpec(0, 0, 0, 0, 200, 400, 0);

  private static final Pattern RTT = Pattern.compile(
      "^(\\d+)(?:-(\\d+))?ms(?:(?:±|\\+-|\\+/-)(\\d+)ms)?$");
  private static final Pattern RANGE = Pattern.compile("^(\\d+)(?:-(\\d+))?ms$");
  private static final Pattern RATE = Pattern.compile("^(\\d+)(kbit|mbit)$");

  public LinkSpec {
    if (rttMinMs < 0 || rttMaxMs < rttMinMs || rttMaxMs > 10_000) {
      throw new IllegalArgumentException("--link: round trip must be in 0..10000 ms");
    }
    if (jitterMs < 0 || jitterMs > 2_000) {
      throw new IllegalArgumentException("--link: jitter must be in 0..2000 ms");
    }
    if (!(lossPct >= 0 && lossPct <= 50)) {
      throw new IllegalArgumentException("--link: loss must be in 0..50 %");
    }
    if (rtoMinMs < 1 || rtoMaxMs < rtoMinMs || rtoMaxMs > 60_000) {
      throw new IllegalArgumentException("--link: rto must be in 1..60000 ms");
    }
    if (rateKbit < 0 || rateKbit > 10_000_000) {
      throw new IllegalArgumentException("--link: rate must be in 1kbit..10000mbit");
    }
  }

  /** Parses {@code --link}'s value; throws IllegalArgumentException with the reason. */
  public static LinkSpec parse(String spec) {
    String[] parts = spec.trim().toLowerCase(Locale.ROOT).split(",");
    Matcher m = RTT.matcher(parts[0].trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("--link starts with a round trip such as 100ms±20ms,"
          + " 100ms+-20ms or 50-150ms, got " + parts[0]);
    }
    int rttMin = number(m.group(1));
    int rttMax = m.group(2) == null ? rttMin : number(m.group(2));
    int jitter = m.group(3) == null ? 0 : number(m.group(3));
    double loss = 0;
    int rtoMin = 200;
    int rtoMax = 400;
    int rate = 0;
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      int eq = p.indexOf('=');
      String key = eq < 0 ? p : p.substring(0, eq);
      String v = eq < 0 ? "" : p.substring(eq + 1);
      switch (key) {
        case "loss" -> {
          try {
            loss = Double.parseDouble(v.endsWith("%") ? v.substring(0, v.length() - 1) : v);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--link loss wants a percentage, got " + v);
          }
        }
        case "rto" -> {
          Matcher r = RANGE.matcher(v);
          if (!r.matches()) {
            throw new IllegalArgumentException("--link rto wants e.g. 200-400ms, got " + v);
          }
          rtoMin = number(r.group(1));
          rtoMax = r.group(2) == null ? rtoMin : number(r.group(2));
        }
        case "rate" -> {
          Matcher r = RATE.matcher(v);
          if (!r.matches()) {
            throw new IllegalArgumentException("--link rate wants e.g. 256kbit or 2mbit, got "
                + v);
          }
          rate = number(r.group(1)) * (r.group(2).equals("mbit") ? 1000 : 1);
          if (rate == 0) {
            throw new IllegalArgumentException("--link rate must be above 0");
          }
        }
        default -> throw new IllegalArgumentException("--link knows loss=, rto= and rate=,"
            + " got " + p);
      }
    }
    return new LinkSpec(rttMin, rttMax, jitter, loss, rtoMin, rtoMax, rate);
  }

  private static int number(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--link: number too large: " + s);
    }
  }

  /** Whether the relay delays or stalls anything (a cap alone needs no impairing relay). */
  public boolean impairs() {
    return rttMaxMs > 0 || jitterMs > 0 || lossPct > 0;
  }

  /** The worst round trip a connection can have without a stall: its largest plus jitter. */
  public int worstRttMs() {
    return rttMaxMs + jitterMs;
  }

  /** As given on the command line, normalised. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    b.append(rttMinMs);
    if (rttMaxMs != rttMinMs) {
      b.append('-').append(rttMaxMs);
    }
    b.append("ms");
    if (jitterMs > 0) {
      b.append("±").append(jitterMs).append("ms");
    }
    if (lossPct > 0) {
      b.append(",loss=").append(lossPct).append('%');
      b.append(",rto=").append(rtoMinMs).append('-').append(rtoMaxMs).append("ms");
    }
    if (rateKbit > 0) {
      b.append(",rate=").append(rateKbit).append("kbit");
    }
    return b.toString();
  }

  /** The settings for the report. */
  public JsonObject json() {
    return new JsonObject()
        .put("spec", describe())
        .put("rtt_ms", rttMinMs == rttMaxMs ? (Object) rttMinMs
            : new JsonObject().put("min", rttMinMs).put("max", rttMaxMs))
        .put("jitter_ms", jitterMs)
        .put("loss_pct", lossPct)
        .put("rto_ms", new JsonObject().put("min", rtoMinMs).put("max", rtoMaxMs))
        .put("rate_kbit", rateKbit == 0 ? null : rateKbit);
  }
}
