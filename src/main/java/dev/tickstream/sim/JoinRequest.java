package dev.tickstream.sim;

import java.util.Arrays;
import java.util.Map;

/**
 * A client asking to take its seat ({@link Game#onJoinRequest}).
 *
 * @param name display name the client sent, already cleaned
 * @param spectator whether the seat is a spectator's (spectators steer nothing)
 * @param data the game's own join data from the client's {@code Join} (at most 256 bytes;
 *     empty when none), untrusted: parse it with your own message's parser
 * @param claims what matchmaking put into the seat (the room's options it was made with, such
 *     as {@code mode}), trusted: the engine signed it
 */
public record JoinRequest(String name, boolean spectator, byte[] data, Map<String, String> claims) {

  public JoinRequest {
    data = data == null ? new byte[0] : data.clone();
    claims = Map.copyOf(claims);
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JoinRequest r && r.name.equals(name) && r.spectator == spectator
        && Arrays.equals(r.data, data) && r.claims.equals(claims);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(data);
  }
}
