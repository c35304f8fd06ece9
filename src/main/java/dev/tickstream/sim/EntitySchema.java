package dev.tickstream.sim;

import dev.tickstream.wire.EntityTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A game's entity kinds and typed fields: the columns of its {@link EntityTable} rows, in order.
 * The engine's codec, {@code Welcome} and both SDKs take everything from it, so a client reads
 * an entity's fields by name ({@code hp}, {@code x}) and knows each one's type and range.
 *
 * <p>Every field is a 32-bit integer on the wire; the type says what it means. A field may
 * dead-reckon by a rate field ({@link Builder#rate}): the codec then sends it as its difference
 * from {@code value + rate * ticks}, so an entity in steady motion costs nothing.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class EntitySchema {

  /** What a field holds (the wire's {@code FieldType}). */
  public enum Type { INT, POSITION_X, POSITION_Y, ANGLE, ENUM, FLAG, KIND, ENTITY, TICK }

  /**
   * One column.
   *
   * @param min inclusive lower bound (INT; others: the type's own range)
   * @param max inclusive upper bound
   * @param bits ANGLE: 2^bits steps per turn
   * @param values ENUM: names of the values 0, 1, ...
   * @param rate index of the field holding this one's change per tick, or -1
   */
  public record Field(String name, Type type, int min, int max, int bits, List<String> values,
      int rate) {}

  /** An entity kind and the fields it uses (the others stay 0). */
  public record Kind(String name, int[] fields) {}

  private final List<Field> fields;
  private final List<Kind> kinds;
  private final Map<String, Integer> index;
  private final int[] rates;
  private final int xField;
  private final int yField;
  private final int kindField;

  private EntitySchema(List<Field> fields, List<Kind> kinds) {
    this.fields = List.copyOf(fields);
    this.kinds = List.copyOf(kinds);
    this.index = new LinkedHashMap<>();
    int x = -1;
    int y = -1;
    int k = -1;
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      index.put(f.name(), i);
      switch (f.type()) {
        case POSITION_X -> x = x < 0 ? i : x;
        case POSITION_Y -> y = y < 0 ? i : y;
        case KIND -> k = i;
        default -> { }
      }
    }
    this.xField = x;
    this.yField = y;
    this.kindField = k;
    this.rates = fields.stream().mapToInt(Field::rate).toArray();
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<Field> fields() {
    return fields;
  }

  public int fieldCount() {
    return fields.size();
  }

  public List<Kind> kinds() {
    return kinds;
  }

  /** A field's index by name. */
  public int index(String name) {
    Integer i = index.get(name);
    if (i == null) {
      throw new IllegalArgumentException("no field named " + name + " (fields: "
          + index.keySet() + ")");
    }
    return i;
  }

  /** For each field, the index of its rate field, or -1 (a copy). */
  public int[] rates() {
    return rates.clone();
  }

  /** The first POSITION_X field, or -1: what area of interest reads by default. */
  public int xField() {
    return xField;
  }

  public int yField() {
    return yField;
  }

  /** The KIND field, or -1. */
  public int kindField() {
    return kindField;
  }

  /**
   * Checks every row of {@code table} against the declared ranges and kinds; returns the first
   * problem found, or null. For a game's tests: the engine does not check each tick.
   */
  public String check(EntityTable table) {
    for (int r = 0; r < table.size(); r++) {
      for (int f = 0; f < fields.size(); f++) {
        Field field = fields.get(f);
        int v = table.get(r, f);
        if (field.type() != Type.POSITION_X && field.type() != Type.POSITION_Y
            && (v < field.min() || v > field.max())) {
          return "entity " + table.id(r) + " field " + field.name() + " = " + v
              + " outside " + field.min() + ".." + field.max();
        }
      }
      if (kindField >= 0 && !kinds.isEmpty()) {
        int kind = table.get(r, kindField);
        int[] used = kinds.get(kind - 1).fields();
        for (int f = 0; f < fields.size(); f++) {
          if (table.get(r, f) != 0 && Arrays.binarySearch(used, f) < 0) {
            return "entity " + table.id(r) + " of kind " + kinds.get(kind - 1).name()
                + " sets field " + fields.get(f).name() + " its kind does not use";
          }
        }
      }
    }
    return null;
  }

  /**
   * Declares fields in row order. Names are unique, lower-case words; at most 32 fields.
   * Typical: {@code kinds("player", "ball").position("x", "y").integer("vx", -100, 100)
   * .rate("x", "vx")}.
   */
  public static final class Builder {
    private final List<Field> fields = new ArrayList<>();
    private final List<String> kindNames = new ArrayList<>();
    private final Map<String, List<String>> kindFields = new LinkedHashMap<>();
    private final Map<String, String> rateOf = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds the KIND field {@code kind} (value 1 for the first name, 2 for the second, ...).
     * Which fields each kind uses is said with {@link #kind}.
     */
    public Builder kinds(String... names) {
      if (!kindNames.isEmpty()) {
        throw new IllegalStateException("kinds declared twice");
      }
      kindNames.addAll(List.of(names));
      return add("kind", Type.KIND, 1, Math.max(1, names.length), 0, List.of());
    }

    /** Says which fields an entity of {@code kind} uses (besides {@code kind} itself). */
    public Builder kind(String kind, String... fieldNames) {
      if (!kindNames.contains(kind)) {
        throw new IllegalArgumentException("undeclared kind " + kind);
      }
      kindFields.put(kind, List.of(fieldNames));
      return this;
    }

    /** Two position fields, in wire units (map units times the game's position scale). */
    public Builder position(String xName, String yName) {
      add(xName, Type.POSITION_X, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, List.of());
      return add(yName, Type.POSITION_Y, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, List.of());
    }

    /** A whole number in [min, max]. */
    public Builder integer(String name, int min, int max) {
      if (min > max) {
        throw new IllegalArgumentException(name + ": min > max");
      }
      return add(name, Type.INT, min, max, 0, List.of());
    }

    /** An angle of 2^bits steps per turn (1..16 bits): 0..2^bits - 1. */
    public Builder angle(String name, int bits) {
      if (bits < 1 || bits > 16) {
        throw new IllegalArgumentException(name + ": bits must be 1..16");
      }
      return add(name, Type.ANGLE, 0, (1 << bits) - 1, bits, List.of());
    }

    /** One of {@code values}, sent as its index. */
    public Builder enumeration(String name, String... values) {
      return add(name, Type.ENUM, 0, Math.max(0, values.length - 1), 0, List.of(values));
    }

    /** 0 or 1. */
    public Builder flag(String name) {
      return add(name, Type.FLAG, 0, 1, 0, List.of());
    }

    /** Another entity's id, 0 for none. */
    public Builder entity(String name) {
      return add(name, Type.ENTITY, 0, Integer.MAX_VALUE, 0, List.of());
    }

    /** A tick number, 0 for none. */
    public Builder tick(String name) {
      return add(name, Type.TICK, 0, Integer.MAX_VALUE, 0, List.of());
    }

    /** {@code field} dead-reckons: it changes by {@code rateField}'s value each tick. */
    public Builder rate(String field, String rateField) {
      rateOf.put(field, rateField);
      return this;
    }

    private Builder add(String name, Type type, int min, int max, int bits, List<String> values) {
      Objects.requireNonNull(name, "name");
      if (!name.matches("[a-z][a-z0-9_]{0,31}")) {
        throw new IllegalArgumentException("field names are lower-case words: " + name);
      }
      if (fields.stream().anyMatch(f -> f.name().equals(name))) {
        throw new IllegalArgumentException("field " + name + " declared twice");
      }
      if (fields.size() == 32) {
        throw new IllegalStateException("at most 32 fields");
      }
      fields.add(new Field(name, type, min, max, bits, values, -1));
      return this;
    }

    public EntitySchema build() {
      if (fields.isEmpty()) {
        throw new IllegalStateException("a schema needs at least one field");
      }
      List<String> names = fields.stream().map(Field::name).toList();
      List<Field> out = new ArrayList<>(fields);
      rateOf.forEach((field, rate) -> {
        int f = names.indexOf(field);
        int r = names.indexOf(rate);
        if (f < 0 || r < 0 || f == r) {
          throw new IllegalArgumentException("rate " + field + " by " + rate + ": unknown field");
        }
        Field old = out.get(f);
        out.set(f, new Field(old.name(), old.type(), old.min(), old.max(), old.bits(),
            old.values(), r));
      });
      List<Kind> kinds = new ArrayList<>();
      int kindIndex = names.indexOf("kind");
      for (String k : kindNames) {
        List<String> used = kindFields.get(k);
        int[] idx = used == null
            ? java.util.stream.IntStream.range(0, names.size()).toArray()
            : java.util.stream.Stream.concat(java.util.stream.Stream.of("kind"), used.stream())
                .mapToInt(n -> {
                  int i = names.indexOf(n);
                  if (i < 0) {
                    throw new IllegalArgumentException("kind " + k + ": unknown field " + n);
                  }
                  return i;
                }).sorted().distinct().toArray();
        kinds.add(new Kind(k, idx));
      }
      if (kindIndex < 0 && !kindNames.isEmpty()) {
        throw new IllegalStateException("kinds without a kind field");
      }
      return new EntitySchema(out, kinds);
    }
  }
}
