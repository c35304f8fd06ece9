package dev.tickstream.room;

import com.google.protobuf.Int32Value;
import com.google.protobuf.Message;
import com.google.protobuf.StringValue;
import com.google.protobuf.UInt32Value;
import dev.tickstream.sim.EntitySchema;
import dev.tickstream.wire.EntityTable;
import dev.tickstream.sim.Game;
import dev.tickstream.sim.GameRoom;
import dev.tickstream.sim.GameSpec;
import dev.tickstream.sim.JoinDecision;
import dev.tickstream.sim.JoinRequest;
import dev.tickstream.sim.LeaveReason;
import dev.tickstream.sim.Player;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A game for the engine's tests that records its hooks and does what its players' "say"
 * messages ask: events to one, to all or near a point, a kick, closing the room, or a throw.
 * Input is an Int32Value moving the player's dot along x (at most 10 per input).
 */
final class ProbeGame implements Game<Int32Value> {
  /** Every hook call of every room, as "room hook name [detail]". */
  static final Queue<String> LOG = new ConcurrentLinkedQueue<>();

  static final EntitySchema SCHEMA = EntitySchema.builder().kinds("dot").position("x", "y")
      .integer("inputs", 0, Integer.MAX_VALUE).build();

  static final GameSpec<Int32Value> SPEC = GameSpec.<Int32Value>builder("probe", ProbeGame::new)
      .input(Int32Value.parser(), Int32Value.getDefaultInstance(),
          v -> Math.abs(v.getValue()) > 10 ? "move over 10" : null)
      .message("say", StringValue.getDefaultInstance(),
          s -> s.getValue().length() > 40 ? "too long" : null)
      .event("said", StringValue.getDefaultInstance())
      .event("tick", UInt32Value.getDefaultInstance())
      .schema(SCHEMA)
      .world(1000, 1000, 1)
      .options(o -> o.containsKey("bad") ? "no room is made with 'bad'" : null)
      .build();

  private final GameRoom room;
  private final TreeMap<Integer, int[]> dots = new TreeMap<>();
  private int nextId = 1;

  ProbeGame(GameRoom room) {
    this.room = room;
    log("created " + room.options());
  }

  private void log(String s) {
    LOG.add(room.id() + " " + s);
  }

  @Override
  public JoinDecision onJoinRequest(JoinRequest request) {
    String data = request.data().length == 0 ? "" : new String(request.data(),
        java.nio.charset.StandardCharsets.UTF_8);
    log("request " + request.name() + " " + data);
    return request.name().startsWith("refused")
        ? JoinDecision.refuse("no " + request.name() + " here") : JoinDecision.accept();
  }

  @Override
  public int onJoin(Player player) {
    int id = nextId++;
    // Players line up along y, 100 apart: a view of radius 150 holds a neighbour or two.
    dots.put(id, new int[] {0, 100 * id, 0});
    log("join " + player.name() + " " + player.id());
    return id;
  }

  @Override
  public void onDrop(Player player) {
    log("drop " + player.name());
  }

  @Override
  public void onResume(Player player) {
    log("resume " + player.name());
  }

  @Override
  public void onLeave(Player player, LeaveReason reason) {
    dots.remove(player.entityId());
    log("leave " + player.name() + " " + reason);
  }

  /** Logs the player's lag as the engine hands it over: the present minus the view tick. */
  @Override
  public void onInput(Player player, Int32Value input, int viewTick) {
    log("input " + player.name() + " lag " + (room.tick() - viewTick));
    onInput(player, input);
  }

  @Override
  public void onInput(Player player, Int32Value input) {
    int[] d = dots.get(player.entityId());
    d[0] += input.getValue();
    d[2]++;
  }

  @Override
  public void onMessage(Player player, Message message) {
    String text = ((StringValue) message).getValue();
    log("say " + player.name() + " " + text + " @" + room.tick());
    switch (text.split(" ")[0]) {
      case "me" -> room.send(player, StringValue.of("to " + player.name() + " @" + room.tick()));
      case "near" -> {
        String[] p = text.split(" ");
        room.sendNear(Integer.parseInt(p[1]), Integer.parseInt(p[2]), StringValue.of(text));
      }
      case "viewers" -> room.sendToViewersOf(Integer.parseInt(text.split(" ")[1]),
          StringValue.of(text));
      case "kick" -> room.kick(player, "asked to be kicked");
      case "close" -> room.close("asked to close");
      case "boom" -> throw new IllegalStateException("boom, as asked");
      case "undeclared" -> room.broadcast(Int32Value.of(1));
      default -> room.broadcast(StringValue.of(player.name() + ": " + text + " @" + room.tick()));
    }
  }

  @Override
  public void step(int tick) {
    if (tick % 20 == 0) {
      room.broadcast(UInt32Value.of(tick));
    }
  }

  @Override
  public void writeState(EntityTable out) {
    out.clear();
    dots.forEach((id, d) -> {
      int r = out.add(id, null);
      out.set(r, 0, 1);
      out.set(r, 1, d[0]);
      out.set(r, 2, d[1]);
      out.set(r, 3, d[2]);
    });
  }

  @Override
  public void onDispose() {
    log("disposed");
  }

  /** The log lines of one room, without its id. */
  static List<String> of(String roomId) {
    List<String> out = new ArrayList<>();
    for (String s : LOG) {
      if (s.startsWith(roomId + " ")) {
        out.add(s.substring(roomId.length() + 1));
      }
    }
    return out;
  }
}
