package dev.tickstream.wire;

import dev.tickstream.proto.v1.FieldSpec;
import dev.tickstream.proto.v1.GameSchema;
import java.util.List;

/**
 * Reads a game's {@link GameSchema} as a client receives it in {@code Welcome}: field indexes by
 * name and the dead-reckoning rates the decoder needs. Immutable and thread-safe.
 */
public final class WireSchema {
  private final GameSchema schema;
  private final List<String> names;
  private final int[] rates;

  public WireSchema(GameSchema schema) {
    this.schema = schema;
    this.names = schema.getFieldsList().stream().map(FieldSpec::getName).toList();
    this.rates = new int[names.size()];
    for (int i = 0; i < rates.length; i++) {
      String rate = schema.getFields(i).getRate();
      rates[i] = rate.isEmpty() ? -1 : names.indexOf(rate);
    }
  }

  public GameSchema proto() {
    return schema;
  }

  public int fieldCount() {
    return names.size();
  }

  /** Field names in row order. */
  public List<String> names() {
    return names;
  }

  /** A field's index, or -1 when the game has no such field. */
  public int index(String name) {
    return names.indexOf(name);
  }

  /** For each field, the index of its rate field or -1 (a copy). */
  public int[] rates() {
    return rates.clone();
  }

  /** The value a row's kind field holds for entities of kind {@code name}, or 0 (none). */
  public int kind(String name) {
    for (int i = 0; i < schema.getKindsCount(); i++) {
      if (schema.getKinds(i).getName().equals(name)) {
        return i + 1;
      }
    }
    return 0;
  }

  /** The number enum field {@code field} holds for {@code value}, or -1 when not declared. */
  public int enumValue(String field, String value) {
    int i = index(field);
    return i < 0 ? -1 : schema.getFields(i).getValuesList().indexOf(value);
  }

  /** The 1-based wire type of a client message by its short name, or 0. */
  public int messageType(String name) {
    for (int i = 0; i < schema.getMessagesCount(); i++) {
      if (schema.getMessages(i).getName().equals(name)) {
        return i + 1;
      }
    }
    return 0;
  }

  /** The short name of an event's 1-based wire type, or null. */
  public String eventName(int type) {
    return type >= 1 && type <= schema.getEventsCount() ? schema.getEvents(type - 1).getName()
        : null;
  }
}
