package dev.tickstream.client;

/**
 * A matchmaking answer: open {@code url} (it carries {@code token}) to take the seat.
 *
 * @param code a private room's join code (to share with friends), or null
 */
public record SeatGrant(String roomId, String role, String url, String token, String code) {

  public SeatGrant(String roomId, String role, String url, String token) {
    this(roomId, role, url, token, null);
  }
}
