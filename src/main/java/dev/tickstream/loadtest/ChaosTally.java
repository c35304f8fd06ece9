package dev.tickstream.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What each kind of chaos bot saw: close codes against the expected one, and resumptions for
 * reconnectors. Bots of every loop report here; events are few, so it simply synchronises.
 */
final class ChaosTally {
  private static final class Counts {
    int bots;
    int connected;
    int misbehaved;
    int expectedSeen;
    int resumed;
    int sameEntity;
    int resolved;
    final Map<String, Integer> seen = new TreeMap<>();
    final Map<String, String> reasons = new TreeMap<>();
  }

  private final Map<ChaosKind, Counts> counts = new EnumMap<>(ChaosKind.class);

  synchronized void assigned(ChaosKind k) {
    counts(k).bots++;
  }

  synchronized void connected(ChaosKind k) {
    counts(k).connected++;
  }

  synchronized void misbehaved(ChaosKind k) {
    counts(k).misbehaved++;
  }

  /** The bot could not even join: an outcome, and not the expected one. */
  synchronized void notConnected(ChaosKind k, String why) {
    see(k, "connect_failed", why);
  }

  /**
   * The bot's connection ended with {@code code}. {@code judged}: the server closed it after it
   * misbehaved; otherwise (a close before misbehaving, or not the server's) it is never expected.
   */
  synchronized void closed(ChaosKind k, int code, String reason, boolean judged) {
    String key = judged ? String.valueOf(code) : "unexpected_" + code;
    if (judged && code == k.expectedCode) {
      counts(k).expectedSeen++;
    }
    see(k, key, reason);
  }

  /** A reconnector came back: {@code same} when it got its own entity again. */
  synchronized void resumed(ChaosKind k, boolean resumed, boolean same) {
    Counts c = counts(k);
    if (resumed) {
      c.resumed++;
    }
    if (same) {
      c.sameEntity++;
    }
    if (resumed && same) {
      c.expectedSeen++;
    }
    see(k, resumed ? (same ? "resumed" : "resumed_other_entity") : "new_seat", null);
  }

  /** A resumed reconnector lost its connection afterwards: its outcome is no longer good. */
  synchronized void closedAfterResume(ChaosKind k, int code, String reason, boolean wasGood) {
    Counts c = counts(k);
    c.expectedSeen -= wasGood ? 1 : 0;
    c.seen.merge("closed_after_resume_" + code, 1, Integer::sum);
    c.reasons.putIfAbsent("closed_after_resume_" + code, reason);
  }

  synchronized void resumeFailed(ChaosKind k, String why) {
    see(k, "resume_failed", why);
  }

  private void see(ChaosKind k, String key, String reason) {
    Counts c = counts(k);
    c.resolved++;
    c.seen.merge(key, 1, Integer::sum);
    if (reason != null) {
      c.reasons.putIfAbsent(key, reason.length() > 120 ? reason.substring(0, 120) : reason);
    }
  }

  /** Chaos bots without an outcome yet. */
  synchronized int pending() {
    int n = 0;
    for (Counts c : counts.values()) {
      n += c.bots - c.resolved;
    }
    return n;
  }

  synchronized int misbehaving() {
    int n = 0;
    for (Counts c : counts.values()) {
      n += c.bots;
    }
    return n;
  }

  /** Every chaos bot got its expected outcome (a close code, or resumed on its entity). */
  synchronized boolean pass() {
    for (Counts c : counts.values()) {
      if (c.expectedSeen != c.bots) {
        return false;
      }
    }
    return true;
  }

  synchronized JsonArray json() {
    JsonArray a = new JsonArray();
    for (Map.Entry<ChaosKind, Counts> e : counts.entrySet()) {
      Counts c = e.getValue();
      JsonObject seen = new JsonObject();
      c.seen.forEach(seen::put);
      JsonObject reasons = new JsonObject();
      c.reasons.forEach(reasons::put);
      JsonObject j = new JsonObject()
          .put("kind", e.getKey().wire())
          .put("bots", c.bots)
          .put("connected", c.connected)
          .put("misbehaved", c.misbehaved)
          .put("expected", e.getKey().expected())
          .put("seen", seen)
          .put("got_expected", c.expectedSeen)
          .put("pending", c.bots - c.resolved)
          .put("reasons", reasons)
          .put("pass", c.expectedSeen == c.bots);
      if (e.getKey() == ChaosKind.RECONNECT) {
        j.put("resumed", c.resumed).put("same_entity", c.sameEntity);
      }
      a.add(j);
    }
    return a;
  }

  private Counts counts(ChaosKind k) {
    return counts.computeIfAbsent(k, x -> new Counts());
  }
}
