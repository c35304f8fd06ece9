package dev.tickstream.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tickstream.proto.arena.v1.ArenaInput;
import dev.tickstream.proto.arena.v1.Chat;
import dev.tickstream.proto.v1.Ack;
import dev.tickstream.proto.v1.GameMessage;
import dev.tickstream.proto.v1.ClientMessage;
import dev.tickstream.proto.v1.Input;
import dev.tickstream.proto.v1.Join;
import dev.tickstream.proto.v1.Ping;
import dev.tickstream.games.arena.ArenaGame;
import dev.tickstream.games.arena.ArenaRules;
import dev.tickstream.wire.EntityTable;
import dev.tickstream.games.arena.PlayerInput;
import dev.tickstream.room.Inbound;
import dev.tickstream.sim.GameSpec;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the path from raw frame bytes to a room's input batch: {@link InboundFrames} judges
 * each frame exactly as a socket's {@link Connection} does, and what it forwards is applied to
 * a real arena game the way the room applies its batch. Regression inputs live in
 * {@code src/test/resources/dev/tickstream/gateway/InboundFramesFuzzTestInputs/} and run in
 * every {@code mvn test}; the README gives the command for a long fuzzing run.
 */
class InboundFramesFuzzTest {
  static final int MAX_FRAME = 1024;
  static final int RATE = 60;
  static final int BURST = 30;
  static final ArenaRules RULES = ArenaRules.defaults();
  static final GameSpec<ArenaInput> SPEC = ArenaGame.spec(RULES);

  @FuzzTest(maxDuration = "30s")
  void framesReachTheBatchOnlyValidatedAndRateLimited(FuzzedDataProvider data) {
    long now = 1_000_000_000L;
    long start = now;
    InboundFrames frames = new InboundFrames(SPEC, MAX_FRAME, RATE, BURST, now);
    ArenaGame game = new ArenaGame(RULES, 20, 7);
    int entity = 0;
    int tick = 0;
    int passed = 0;
    EntityTable state = new EntityTable(ArenaGame.SCHEMA.fieldCount());
    for (int n = 0; n < 64 && data.remainingBytes() > 0; n++) {
      now += data.consumeLong(0, 200_000_000L); // up to 200 ms between frames
      byte[] frame = nextFrame(data);
      InboundFrames.Verdict v = frames.accept(frame, now);
      assertNotNull(v);
      if (frame.length > MAX_FRAME) {
        assertEquals(1009, v.code(), "an oversized frame closes with 1009");
      }
      switch (v.kind()) {
        case CLOSE -> {
          assertTrue(v.code() == 1007 || v.code() == 1008 || v.code() == 1009, "code " + v.code());
          assertTrue(v.reason() != null && !v.reason().isEmpty());
          assertTrue(Connection.truncateReason(v.reason())
              .getBytes(StandardCharsets.UTF_8).length <= 123);
          return; // the connection is closed: nothing more reaches the room
        }
        case JOIN -> {
          assertEquals(0, entity, "a second join never passes");
          String name = Connection.cleanName(v.message().getJoin().getName());
          assertTrue(name.codePointCount(0, name.length()) <= Connection.MAX_NAME_CHARS);
          assertTrue(name.codePoints().allMatch(InboundFramesFuzzTest::printable),
              "only printable code points in " + name.codePoints().boxed().toList());
          assertTrue(Connection.truncate(v.message().getJoin().getClient())
              .getBytes(StandardCharsets.UTF_8).length <= Connection.MAX_CLIENT_BYTES + 3);
          entity = game.addPlayer(name);
        }
        case FORWARD, PING -> {
          passed++;
          if (v.kind() == InboundFrames.Kind.FORWARD) {
            assertTrue(entity != 0, "nothing but a ping passes before the join");
            Inbound in = v.inbound();
            if (in.kind() == Inbound.Kind.INPUT) {
              ArenaInput a = (ArenaInput) in.payload();
              assertTrue(in.seq() != 0, "inputs count from 1");
              // As the arena applies it; PlayerInput throws on anything let through wrongly.
              game.applyInput(entity, new PlayerInput(a.getMoveX(), a.getMoveY(), a.getAim(),
                  a.getFire()));
            } else if (in.kind() == Inbound.Kind.MESSAGE) {
              Chat chat = (Chat) in.payload();
              assertTrue(chat.getText().codePointCount(0, chat.getText().length()) <= 80);
            }
          }
        }
        case DROPPED -> { }
        case LEAVE -> {
          return; // the connection closes: nothing more reaches the room
        }
      }
      // The bucket never lets through more than its burst plus what the clock refilled.
      double allowed = BURST + RATE * ((now - start) / 1e9) + 1;
      assertTrue(passed <= allowed, passed + " passed, at most " + allowed + " allowed");
      if (data.consumeBoolean()) {
        game.step(++tick);
        game.writeState(state);
        assertInsideMap(game, state);
      }
    }
  }

  /** Either raw bytes (the parser's side) or a well-formed message with fuzzed fields. */
  private static byte[] nextFrame(FuzzedDataProvider data) {
    int kind = data.consumeInt(0, 6);
    ClientMessage.Builder m = ClientMessage.newBuilder();
    switch (kind) {
      case 0 -> {
        return data.consumeBytes(data.consumeInt(0, MAX_FRAME + 64));
      }
      case 1 -> m.setJoin(Join.newBuilder().setName(data.consumeString(40))
          .setClient(data.consumeString(100)));
      case 2, 3 -> m.setInput(Input.newBuilder().setSeq(data.consumeInt())
          .setAckTick(data.consumeInt()).setData(ArenaInput.newBuilder()
              .setMoveX(data.consumeInt(-200, 200)).setMoveY(data.consumeInt(-200, 200))
              .setAim(data.consumeInt()).setFire(data.consumeBoolean()).build().toByteString()));
      case 4 -> m.setAck(Ack.newBuilder().setAckTick(data.consumeInt()));
      case 5 -> m.setMessage(GameMessage.newBuilder().setType(data.consumeInt(0, 3))
          .setData(Chat.newBuilder().setText(data.consumeString(100)).build().toByteString()));
      default -> m.setPing(Ping.newBuilder().setClientTimeMs(data.consumeLong()));
    }
    byte[] b = m.build().toByteArray();
    if (data.consumeBoolean() && b.length > 0) {
      // Flip one byte of a well-formed frame: the decoder's edge cases.
      b[data.consumeInt(0, b.length - 1)] = data.consumeByte();
    }
    return b;
  }

  private static boolean printable(int cp) {
    int t = Character.getType(cp);
    return t != Character.CONTROL && t != Character.FORMAT && t != Character.SURROGATE
        && t != Character.PRIVATE_USE && t != Character.UNASSIGNED;
  }

  private static void assertInsideMap(ArenaGame game, EntityTable state) {
    int w = SPEC.mapWidth() * SPEC.positionScale();
    int h = SPEC.mapHeight() * SPEC.positionScale();
    for (int r = 0; r < state.size(); r++) {
      if (state.get(r, 0) != 1) {
        continue; // only players are bounded by the walls; projectiles fly out and vanish
      }
      int x = state.get(r, ArenaGame.SCHEMA.xField());
      int y = state.get(r, ArenaGame.SCHEMA.yField());
      assertTrue(x >= 0 && x <= w && y >= 0 && y <= h, "player at " + x + "," + y);
    }
  }
}
