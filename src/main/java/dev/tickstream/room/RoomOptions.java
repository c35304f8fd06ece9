package dev.tickstream.room;

import dev.tickstream.config.TickstreamConfig;

/**
 * The settings a room needs, taken from the node's configuration.
 *
 * @param eventBuffer game events a client may have unread before it is closed as too slow
 * @param keyframeTicks ticks between two complete frames of a recording or delay buffer
 * @param spectatorMaxDelaySeconds the longest delay a spectator may ask for (0: none)
 * @param maxDelayedSpectators delayed spectators one room serves at most
 * @param maxRooms rooms this node runs at most; matchmaking makes no more (failover still
 *     restores rooms onto it: their players are already playing)
 */
public record RoomOptions(
    int tickRate,
    int ticksPerSend,
    int maxPlayers,
    int maxSpectators,
    int snapshotHistory,
    int seatTtlMs,
    int reconnectGraceMs,
    int stallTimeoutMs,
    int idleCloseMs,
    int inputBuffer,
    int viewRadius,
    boolean deltaAgainstSent,
    int eventBuffer,
    int maxRooms,
    int keyframeTicks,
    int spectatorMaxDelaySeconds,
    int maxDelayedSpectators) {

  public static RoomOptions from(TickstreamConfig c) {
    return new RoomOptions(c.tickRate(), c.ticksPerSend(), c.maxPlayers(), c.maxSpectators(),
        c.snapshotHistory(), c.seatTokenTtlSeconds() * 1000, c.reconnectGraceMs(),
        c.stallTimeoutMs(), c.roomIdleCloseMs(), c.inputBuffer(), c.viewRadius(),
        c.deltaBase().equals("sent"), c.eventBuffer(), c.maxRooms(),
        c.recordKeyframeSeconds() * c.tickRate(), c.spectatorMaxDelaySeconds(),
        c.maxDelayedSpectatorsPerRoom());
  }
}
