package dev.tickstream.room;

import dev.tickstream.proto.v1.EntityKind;
import dev.tickstream.proto.v1.FieldSpec;
import dev.tickstream.proto.v1.FieldType;
import dev.tickstream.proto.v1.GameSchema;
import dev.tickstream.proto.v1.TypeName;
import dev.tickstream.proto.v1.Welcome;
import dev.tickstream.sim.EntitySchema;
import dev.tickstream.sim.GameSpec;

/** Builds a session's {@code Welcome}: the room's rates and the game's declaration. */
final class Welcomes {
  private Welcomes() {}

  /** The game's declaration as the wire carries it; the same for every room of the game. */
  static GameSchema schema(GameSpec<?> spec) {
    GameSchema.Builder g = GameSchema.newBuilder().setInput(spec.input().protoName());
    for (GameSpec.MessageType<?> m : spec.messages()) {
      g.addMessages(TypeName.newBuilder().setName(m.name()).setType(m.protoName()));
    }
    for (int i = 0; i < spec.eventNames().size(); i++) {
      g.addEvents(TypeName.newBuilder().setName(spec.eventNames().get(i))
          .setType(spec.eventProtoNames().get(i)));
    }
    EntitySchema s = spec.schema();
    for (EntitySchema.Kind k : s.kinds()) {
      EntityKind.Builder kb = EntityKind.newBuilder().setName(k.name());
      for (int f : k.fields()) {
        kb.addFields(f);
      }
      g.addKinds(kb);
    }
    for (EntitySchema.Field f : s.fields()) {
      FieldSpec.Builder fb = FieldSpec.newBuilder().setName(f.name()).setType(type(f.type()))
          .addAllValues(f.values());
      if (f.type() == EntitySchema.Type.INT) {
        fb.setMin(f.min()).setMax(f.max());
      }
      if (f.type() == EntitySchema.Type.ANGLE) {
        fb.setBits(f.bits());
      }
      if (f.rate() >= 0) {
        fb.setRate(s.fields().get(f.rate()).name());
      }
      g.addFields(fb);
    }
    return g.build();
  }

  private static FieldType type(EntitySchema.Type t) {
    return switch (t) {
      case INT -> FieldType.FIELD_INT;
      case POSITION_X -> FieldType.FIELD_POSITION_X;
      case POSITION_Y -> FieldType.FIELD_POSITION_Y;
      case ANGLE -> FieldType.FIELD_ANGLE;
      case ENUM -> FieldType.FIELD_ENUM;
      case FLAG -> FieldType.FIELD_FLAG;
      case KIND -> FieldType.FIELD_KIND;
      case ENTITY -> FieldType.FIELD_ENTITY;
      case TICK -> FieldType.FIELD_TICK;
    };
  }

  /** The part of a Welcome every session of a room shares. */
  static Welcome.Builder base(String roomId, GameSpec<?> spec, GameSchema schema,
      RoomOptions options) {
    return Welcome.newBuilder()
        .setProtocolVersion(1)
        .setRoomId(roomId)
        .setGame(spec.name())
        .setSchema(schema)
        .setTickRate(options.tickRate())
        .setSendRate(options.tickRate() / options.ticksPerSend())
        .setMapWidth(spec.mapWidth())
        .setMapHeight(spec.mapHeight())
        .setPositionScale(spec.positionScale())
        .putAllConstants(spec.constants())
        .setResumeGraceMs(options.reconnectGraceMs())
        .setIdleTimeoutMs(options.idleTimeoutMs())
        .setAckIntervalMs(options.ackIntervalMs());
  }
}
