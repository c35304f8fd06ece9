package dev.tickstream.room;

import dev.tickstream.config.TickstreamConfig;

/**
 * The settings a room needs, taken from the node's configuration.
 *
 * @param eventBuffer game events a client may have unread before it is closed as too slow
 * @param rewindTicks how many ticks back lag compensation may judge an input (the view tick
 *     clamp, and the positions kept for {@code GameRoom.rewind()})
 * @param keyframeTicks ticks between two complete frames of a recording or delay buffer
 * @param spectatorMaxDelaySeconds the longest delay a spectator may ask for (0: none)
 * @param maxDelayedSpectators delayed spectators one room serves at most
 * @param maxRooms rooms this node runs at most; matchmaking makes no more (failover still
 *     restores rooms onto it: their players are already playing)
 * @param idleTimeoutMs the gateway closes a session silent this long; told in Welcome so
 *     clients send keep-alives inside it
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
    int rewindTicks,
    int idleTimeoutMs,
    int keyframeTicks,
    int spectatorMaxDelaySeconds,
    int maxDelayedSpectators) {

  public static RoomOptions from(TickstreamConfig c) {
    return new RoomOptions(c.tickRate(), c.ticksPerSend(), c.maxPlayers(), c.maxSpectators(),
        c.snapshotHistory(), c.seatTokenTtlSeconds() * 1000, c.reconnectGraceMs(),
        c.stallTimeoutMs(), c.roomIdleCloseMs(), c.inputBuffer(), c.viewRadius(),
        c.deltaBase().equals("sent"), c.eventBuffer(), c.maxRooms(), c.rewindTicks(),
        c.idleTimeoutMs(), c.recordKeyframeSeconds() * c.tickRate(),
        c.spectatorMaxDelaySeconds(), c.maxDelayedSpectatorsPerRoom());
  }

  /**
   * How often a client that sends no input should acknowledge, in ms (Welcome.ack_interval_ms):
   * 0 when deltas are made against the last snapshot sent (acks change nothing); else every
   * fourth snapshot, so an idle client's delta base is at most about 4 snapshots plus a round
   * trip old, and never more than a quarter of the history the server keeps.
   */
  public int ackIntervalMs() {
    if (deltaAgainstSent) {
      return 0;
    }
    int snapshotMs = 1000 * ticksPerSend / tickRate;
    int historyMs = 1000 * snapshotHistory / tickRate;
    return Math.max(1, Math.min(4 * snapshotMs, historyMs / 4));
  }
}
