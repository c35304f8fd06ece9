package dev.tickstream.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.tickstream.proto.v1.ServerMessage;
import dev.tickstream.proto.v1.Snapshot;
import dev.tickstream.room.ClientLink;
import dev.tickstream.room.Inbound;
import dev.tickstream.wire.WireSchema;
import dev.tickstream.wire.EntityTable;
import dev.tickstream.wire.DeltaDecoder;
import dev.tickstream.wire.SnapshotRing;
import io.reactivex.rxjava3.core.BackpressureOverflowStrategy;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.processors.PublishProcessor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A client joined to a room without a socket, for the bandwidth report: the room's real input
 * stream and fan-out run unchanged; frames are kept as written and decoded by the same
 * {@link DeltaDecoder} the SDK uses, after the tick, so the report's server CPU excludes them.
 */
final class MemoryLink implements ClientLink {
  final PublishProcessor<Inbound> in = PublishProcessor.create();
  private final Promise<Closed> closed = Promise.promise();
  private final List<Buffer> pending = new ArrayList<>(2);
  private final int historySize;
  private SnapshotRing history;
  private EntityTable scratch;
  private int[] rates;
  EntityTable mirror;
  int entityId;
  int positionScale = 1;
  int lastTick;
  String closeReason;

  /**
   * @param ackLagTicks how late this client acknowledges: bases are never older, so the states
   *     kept are that many and a margin (not more: a thousand clients' histories are the
   *     report's biggest heap, and the GC they cause is noise in the server's CPU figures)
   */
  MemoryLink(int ackLagTicks) {
    this.historySize = ackLagTicks + 8;
  }

  @Override
  public Flowable<Inbound> messages() {
    return in.onBackpressureBuffer(64, null, BackpressureOverflowStrategy.DROP_OLDEST);
  }

  @Override
  public void send(Buffer frame) {
    pending.add(frame);
  }

  @Override
  public boolean writeQueueFull() {
    return false;
  }

  @Override
  public void close(short code, String reason, String redirectUrl) {
    closeReason = code + " " + reason;
    in.onComplete();
    closed.tryComplete(new Closed(Closed.How.BY_SERVER, code));
  }

  @Override
  public Future<Closed> closed() {
    return closed.future();
  }

  @Override
  public String remote() {
    return "memory";
  }

  /** Applies the frames written since the last call, as a client would. */
  void drain() {
    for (Buffer frame : pending) {
      ServerMessage msg;
      try {
        msg = ServerMessage.parseFrom(frame.getBytes());
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("server wrote an invalid frame", e);
      }
      switch (msg.getMsgCase()) {
        case WELCOME -> {
          WireSchema schema = new WireSchema(msg.getWelcome().getSchema());
          int fields = schema.fieldCount();
          entityId = msg.getWelcome().getEntityId();
          positionScale = msg.getWelcome().getPositionScale();
          history = new SnapshotRing(historySize, fields);
          scratch = new EntityTable(fields);
          rates = schema.rates();
        }
        case SNAPSHOT -> {
          Snapshot s = msg.getSnapshot();
          DeltaDecoder.apply(history.get(s.getBaseTick()), s, scratch, rates);
          mirror = history.store(s.getTick(), scratch);
          lastTick = s.getTick();
        }
        default -> { }
      }
    }
    pending.clear();
  }
}
