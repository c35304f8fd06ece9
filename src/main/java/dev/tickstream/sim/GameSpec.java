package dev.tickstream.sim;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything a game declares once: its name, its input message, its client messages and
 * events (protobuf messages of the game's own {@code .proto}), its entity schema, its world's
 * size, the rule constants clients need, and how to make a room's game. A node serves any
 * number of them (each by its name).
 *
 * <p>Immutable and thread-safe: the gateway parses and checks inputs and messages with it on the
 * connections' threads, so the checks given here must be pure functions.
 *
 * @param <I> the game's input message
 */
public final class GameSpec<I extends Message> {

  /** A declared message or event type: its short name, parser and check. */
  public record MessageType<M extends Message>(String name, Parser<M> parser,
      Function<? super M, String> check, String protoName) {

    /** Parses and checks one message; throws with a reason a client may be shown. */
    public M parse(byte[] data) throws InvalidMessageException {
      return parse(ByteString.copyFrom(data));
    }

    /** As {@link #parse(byte[])}, from the envelope's bytes without copying them first. */
    public M parse(ByteString data) throws InvalidMessageException {
      M m;
      try {
        m = parser.parseFrom(data);
      } catch (InvalidProtocolBufferException e) {
        throw new InvalidMessageException("not a valid " + name);
      }
      String problem = check.apply(m);
      if (problem != null) {
        throw new InvalidMessageException(name + ": " + problem);
      }
      return m;
    }
  }

  /** Thrown for a message that does not parse or that the game's check refuses. */
  public static final class InvalidMessageException extends Exception {
    public InvalidMessageException(String reason) {
      super(reason, null, false, false);
    }
  }

  private final String name;
  private final MessageType<I> input;
  private final List<MessageType<?>> messages;
  private final List<String> eventNames;
  private final List<String> eventProtoNames;
  private final Map<Class<?>, Integer> eventTypes;
  private final EntitySchema schema;
  private final int mapWidth;
  private final int mapHeight;
  private final int positionScale;
  private final Map<String, Double> constants;
  private final Function<Map<String, String>, String> optionsCheck;
  private final Function<GameRoom, Game<I>> factory;

  private GameSpec(Builder<I> b) {
    this.name = b.name;
    this.input = b.input;
    this.messages = List.copyOf(b.messages);
    this.eventNames = List.copyOf(b.eventNames);
    this.eventProtoNames = List.copyOf(b.eventProtoNames);
    this.eventTypes = Map.copyOf(b.eventTypes);
    this.schema = Objects.requireNonNull(b.schema, "schema");
    this.mapWidth = b.mapWidth;
    this.mapHeight = b.mapHeight;
    this.positionScale = b.positionScale;
    this.constants = Collections.unmodifiableMap(new LinkedHashMap<>(b.constants));
    this.optionsCheck = b.optionsCheck;
    this.factory = Objects.requireNonNull(b.factory, "factory");
  }

  /**
   * Starts a declaration.
   *
   * @param name the game's name in matchmaking and {@code /api/games}: a lower-case word
   * @param factory makes the game of a new room (for example {@code MyGame::new}); called on
   *     the room's thread
   */
  public static <I extends Message> Builder<I> builder(String name,
      Function<GameRoom, Game<I>> factory) {
    return new Builder<>(name, factory);
  }

  public String name() {
    return name;
  }

  /** The input type; a game that takes no input has {@code google.protobuf.Empty}. */
  public MessageType<I> input() {
    return input;
  }

  /** Client message types; a {@code GameMessage.type} of n is {@code messages().get(n - 1)}. */
  public List<MessageType<?>> messages() {
    return messages;
  }

  public List<String> eventNames() {
    return eventNames;
  }

  public List<String> eventProtoNames() {
    return eventProtoNames;
  }

  /** The wire type (1-based) of an event, or 0 when the game did not declare its class. */
  public int eventType(Message event) {
    Integer t = eventTypes.get(event.getClass());
    return t == null ? 0 : t;
  }

  public EntitySchema schema() {
    return schema;
  }

  /** The playable area in map units, and wire units per map unit. */
  public int mapWidth() {
    return mapWidth;
  }

  public int mapHeight() {
    return mapHeight;
  }

  public int positionScale() {
    return positionScale;
  }

  /**
   * Why a room cannot be made with {@code options} (matchmaking's), or null when it can: see
   * {@link Builder#options}.
   */
  public String checkOptions(Map<String, String> options) {
    return optionsCheck.apply(options);
  }

  public Map<String, Double> constants() {
    return constants;
  }

  /** Makes the game of a new room. */
  public Game<I> create(GameRoom room) {
    return factory.apply(room);
  }

  /** Collects a {@link GameSpec}. Not thread-safe. */
  public static final class Builder<I extends Message> {
    private final String name;
    private final Function<GameRoom, Game<I>> factory;
    private MessageType<I> input;
    private final List<MessageType<?>> messages = new ArrayList<>();
    private final List<String> eventNames = new ArrayList<>();
    private final List<String> eventProtoNames = new ArrayList<>();
    private final Map<Class<?>, Integer> eventTypes = new HashMap<>();
    private EntitySchema schema;
    private int mapWidth = 1000;
    private int mapHeight = 1000;
    private int positionScale = 1;
    private final Map<String, Double> constants = new LinkedHashMap<>();
    private Function<Map<String, String>, String> optionsCheck = o -> null;

    private Builder(String name, Function<GameRoom, Game<I>> factory) {
      if (name == null || !name.matches("[a-z][a-z0-9-]{0,31}")) {
        throw new IllegalArgumentException("a game's name is a lower-case word: " + name);
      }
      this.name = name;
      this.factory = factory;
    }

    /**
     * The game's input message and its check: {@code check} returns null for a valid input or
     * the reason it is not (the session then closes with 1007 and that reason). Pure: it runs
     * on the connection's thread.
     */
    public Builder<I> input(Parser<I> parser, I defaultInstance, Function<? super I, String> check) {
      this.input = new MessageType<>("input", parser, check,
          defaultInstance.getDescriptorForType().getFullName());
      return this;
    }

    /** A client message type the game accepts, with its check (see {@link #input}). */
    public <M extends Message> Builder<I> message(String name, M defaultInstance,
        Function<? super M, String> check) {
      requireNewName(name, messages.stream().map(MessageType::name).toList());
      @SuppressWarnings("unchecked")
      Parser<M> parser = (Parser<M>) defaultInstance.getParserForType();
      messages.add(new MessageType<>(name, parser, check,
          defaultInstance.getDescriptorForType().getFullName()));
      return this;
    }

    /** A client message type the game accepts as it parses. */
    public <M extends Message> Builder<I> message(String name, M defaultInstance) {
      return message(name, defaultInstance, m -> null);
    }

    /** An event type the game emits; {@link GameRoom#send} finds it by the message's class. */
    public Builder<I> event(String name, Message defaultInstance) {
      requireNewName(name, eventNames);
      if (eventTypes.containsKey(defaultInstance.getClass())) {
        throw new IllegalArgumentException("event class declared twice: "
            + defaultInstance.getClass().getName());
      }
      eventNames.add(name);
      eventProtoNames.add(defaultInstance.getDescriptorForType().getFullName());
      eventTypes.put(defaultInstance.getClass(), eventNames.size());
      return this;
    }

    public Builder<I> schema(EntitySchema schema) {
      this.schema = schema;
      return this;
    }

    /**
     * The playable area, {@code [0, width) x [0, height)} map units, and wire units per map
     * unit (positions are sent as integers on that grid). Default: 1000 x 1000, scale 1.
     */
    public Builder<I> world(int width, int height, int positionScale) {
      if (width < 1 || height < 1 || positionScale < 1
          || (long) Math.max(width, height) * positionScale > (1 << 24)) {
        throw new IllegalArgumentException("world must be positive and at most 2^24 wire units");
      }
      this.mapWidth = width;
      this.mapHeight = height;
      this.positionScale = positionScale;
      return this;
    }

    /**
     * The check of the options a room is made with (the {@code options} a client gives
     * matchmaking, such as a mode): null when a room can be made with them, else the reason;
     * matchmaking then answers 400 with it and makes no room. Pure and quick: it runs on the
     * HTTP request's thread. Default: any options (they are bounded by the engine: at most 8
     * short strings).
     */
    public Builder<I> options(Function<Map<String, String>, String> check) {
      this.optionsCheck = java.util.Objects.requireNonNull(check);
      return this;
    }

    /** A rule constant clients need (for prediction), such as a speed in units per second. */
    public Builder<I> constant(String name, double value) {
      constants.put(name, value);
      return this;
    }

    private static void requireNewName(String name, List<String> taken) {
      if (name == null || !name.matches("[a-z][a-z0-9_]{0,31}")) {
        throw new IllegalArgumentException("type names are lower-case words: " + name);
      }
      if (taken.contains(name)) {
        throw new IllegalArgumentException(name + " declared twice");
      }
    }

    @SuppressWarnings("unchecked")
    public GameSpec<I> build() {
      if (input == null) {
        // A game without input still parses an empty Input.data.
        input = (MessageType<I>) new MessageType<>("input", Empty.parser(), m -> null,
            Empty.getDescriptor().getFullName());
      }
      return new GameSpec<>(this);
    }
  }
}
