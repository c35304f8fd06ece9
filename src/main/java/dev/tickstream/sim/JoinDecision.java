package dev.tickstream.sim;

import java.util.Objects;

/**
 * A game's answer to a {@link JoinRequest}: accept, or refuse with a reason the client is shown
 * (in its {@code Closing} message, close code 4000).
 */
public record JoinDecision(boolean accepted, String reason) {
  private static final JoinDecision ACCEPT = new JoinDecision(true, "");

  public static JoinDecision accept() {
    return ACCEPT;
  }

  /** Refuses the join; {@code reason} is for people, at most about 100 characters. */
  public static JoinDecision refuse(String reason) {
    return new JoinDecision(false, Objects.requireNonNull(reason, "reason"));
  }
}
