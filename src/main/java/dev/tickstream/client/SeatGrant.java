package dev.tickstream.client;

/** A matchmaking answer: open {@code url} (it carries {@code token}) to take the seat. */
public record SeatGrant(String roomId, String role, String url, String token) {}
