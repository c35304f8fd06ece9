package dev.tickstream.room;

import dev.tickstream.proto.v1.CheckpointSeat;
import dev.tickstream.proto.v1.RoomCheckpoint;
import dev.tickstream.proto.v1.Snapshot;
import dev.tickstream.wire.EntityTable;
import dev.tickstream.wire.DeltaDecoder;
import dev.tickstream.sync.DeltaEncoder;
import java.util.Collection;
import java.util.Map;

/** Turns a room into a {@link RoomCheckpoint} and back; the world travels as a full snapshot. */
final class Checkpoints {
  private Checkpoints() {}

  static RoomCheckpoint of(String roomId, String game, Map<String, String> roomOptions,
      String privateCode, int tick, EntityTable state, Collection<Member> members,
      RoomOptions options) {
    DeltaEncoder enc = new DeltaEncoder();
    enc.encode(null, state);
    Snapshot full;
    try {
      full = Snapshot.newBuilder().setTick(tick).mergeFrom(enc.bytes(), 0, enc.length()).build();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException("encoder wrote an invalid snapshot", e);
    }
    RoomCheckpoint.Builder b = RoomCheckpoint.newBuilder().setRoomId(roomId).setTick(tick)
        .setState(full).setTakenAtMs(System.currentTimeMillis())
        .setMaxPlayers(options.maxPlayers()).setMaxSpectators(options.maxSpectators())
        .setGame(game).putAllOptions(roomOptions)
        .setPrivateCode(privateCode == null ? "" : privateCode);
    for (Member m : members) {
      b.addSeats(CheckpointSeat.newBuilder().setSeatId(m.seat.seatId())
          .setRole(m.isPlayer() ? dev.tickstream.proto.v1.Role.ROLE_PLAYER
              : dev.tickstream.proto.v1.Role.ROLE_SPECTATOR)
          .setName(m.name).setEntityId(m.entityId).setPlayerNumber(m.number));
    }
    return b.build();
  }

  static EntityTable state(RoomCheckpoint cp, int fieldCount) {
    EntityTable t = new EntityTable(fieldCount);
    DeltaDecoder.apply(null, cp.getState(), t);
    return t;
  }
}
