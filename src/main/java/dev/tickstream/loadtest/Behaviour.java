package dev.tickstream.loadtest;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/** How a bot plays; see {@link Pilot} for each. */
public enum Behaviour {
  WANDER, CHASE, FIRE;

  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * A weighted choice of behaviours, e.g. {@code wander=0.6,chase=0.2,fire=0.2}; the weights are
   * normalised, so {@code wander=3,chase=1} means 75% wander.
   */
  public record Mix(Map<Behaviour, Double> weights) {
    static final Mix REFERENCE = new Mix(Map.of(WANDER, 1.0));

    public Mix {
      weights = Map.copyOf(weights);
    }

    public static Mix parse(String spec) {
      Map<Behaviour, Double> w = new EnumMap<>(Behaviour.class);
      double total = 0;
      for (String part : spec.split(",")) {
        String[] kv = part.trim().split("=", 2);
        Behaviour b;
        try {
          b = Behaviour.valueOf(kv[0].trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("--mix: unknown behaviour '" + kv[0].trim()
              + "' (wander, chase, fire)");
        }
        double v;
        try {
          v = kv.length == 1 ? 1.0 : Double.parseDouble(kv[1].trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("--mix: weight of " + b.wire() + " is not a number");
        }
        if (!(v >= 0) || Double.isInfinite(v)) {
          throw new IllegalArgumentException("--mix: weight of " + b.wire() + " must be >= 0");
        }
        w.merge(b, v, Double::sum);
        total += v;
      }
      if (!(total > 0)) {
        throw new IllegalArgumentException("--mix: weights must add up to more than 0");
      }
      for (Map.Entry<Behaviour, Double> e : w.entrySet()) {
        e.setValue(e.getValue() / total);
      }
      return new Mix(w);
    }

    /** Draws one behaviour. */
    public Behaviour pick(SplittableRandom random) {
      double r = random.nextDouble();
      Behaviour last = WANDER;
      for (Behaviour b : Behaviour.values()) {
        Double p = weights.get(b);
        if (p == null || p == 0) {
          continue;
        }
        last = b;
        r -= p;
        if (r < 0) {
          return b;
        }
      }
      return last;
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      for (Behaviour b : Behaviour.values()) {
        Double p = weights.get(b);
        if (p != null && p > 0) {
          sb.append(sb.length() == 0 ? "" : ",").append(b.wire()).append('=')
              .append(Math.round(p * 1000) / 1000.0);
        }
      }
      return sb.toString();
    }
  }
}
