package dev.tickstream.room;

import com.google.protobuf.Message;
import dev.tickstream.sim.Game;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.processors.FlowableProcessor;
import io.reactivex.rxjava3.processors.PublishProcessor;
import io.vertx.core.Context;
import io.vertx.rxjava3.core.RxHelper;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * A room's inbox: every member's inbound stream (inputs, game messages, acknowledgements)
 * merged with RxJava and observed on the room's context, queued until the next tick, then handed
 * to the game in arrival order. Bounded twice: per connection upstream (the oldest input is
 * dropped) and per room here (beyond a few messages per member per tick the room is being
 * flooded: the excess is dropped and counted).
 *
 * <p>Threading: {@link #listen} from any thread; everything else on the room's context.
 */
final class Inbox {
  private static final System.Logger LOG = System.getLogger(Inbox.class.getName());

  private record Delivery(Member member, ClientLink link, Inbound message) {}

  private final FlowableProcessor<Flowable<Delivery>> sources =
      PublishProcessor.<Flowable<Delivery>>create().toSerialized();
  private final ArrayDeque<Delivery> batch = new ArrayDeque<>();
  private final AtomicLong dropped = new AtomicLong();
  private final RoomOptions options;
  private final RoomMetrics metrics;
  private final int limit;
  private Disposable subscription;

  Inbox(RoomOptions options, RoomMetrics metrics) {
    this.options = options;
    this.metrics = metrics;
    // A few inputs per member per tick is generous; beyond it the room is being flooded.
    this.limit = (options.maxPlayers() + options.maxSpectators()) * 8;
  }

  /** Starts observing the merged stream on {@code context}, the room's. */
  void open(Context context, String roomId, IntSupplier tick) {
    subscription = Flowable.merge(sources, Integer.MAX_VALUE)
        .observeOn(RxHelper.scheduler(io.vertx.rxjava3.core.Context.newInstance(context)),
            false, Math.max(64, options.inputBuffer() * 4))
        .subscribe(this::enqueue, e -> LOG.log(System.Logger.Level.ERROR,
            "room " + roomId + " input stream failed at tick " + tick.getAsInt(), e));
  }

  /** A member's connection joins the merged stream; any thread. */
  void listen(Member m, ClientLink link) {
    sources.onNext(link.messages().map(msg -> new Delivery(m, link, msg)));
  }

  private void enqueue(Delivery d) {
    if (batch.size() >= limit) {
      dropped.incrementAndGet();
      metrics.inputsDropped.increment();
      return;
    }
    batch.add(d);
  }

  /**
   * Hands everything queued since the last tick to {@code game}, in arrival order; {@code tick}
   * is the tick about to be stepped, the present that view ticks are clamped against.
   */
  void deliver(Game<Message> game, int tick) {
    for (Delivery d; (d = batch.poll()) != null; ) {
      Member member = d.member();
      if (member.link != d.link()) {
        continue; // sent on a connection that has since been replaced
      }
      Inbound in = d.message();
      member.acknowledge(in.ackTick());
      switch (in.kind()) {
        case INPUT -> {
          // Unsigned: a client may count past 2^31; an older or repeated input is not applied.
          if (member.isPlayer() && Integer.compareUnsigned(in.seq(), member.lastInputSeq) > 0) {
            member.lastInputSeq = in.seq();
            game.onInput(member, (Message) in.payload(), viewTick(in.viewTick(), tick));
          }
        }
        case MESSAGE -> {
          if (member.isPlayer()) { // spectators steer nothing and say nothing to the game
            game.onMessage(member, (Message) in.payload());
          }
        }
        case ACK -> { }
      }
    }
  }

  /**
   * The view tick the game is given: never older than the rewind bound, never newer than the
   * present (0, unknown, is the present). A claim out of bounds is counted: a client whose
   * claims keep being clamped is lagging more than the bound, or lying.
   */
  private int viewTick(int claimed, int tick) {
    if (claimed == 0) {
      return tick;
    }
    int oldest = Math.max(1, tick - options.rewindTicks());
    // Unsigned: a claim past 2^31 is in the future, not the past.
    if (Integer.compareUnsigned(claimed, tick) > 0) {
      metrics.viewTicksClamped.increment();
      return tick;
    }
    if (claimed < oldest) {
      metrics.viewTicksClamped.increment();
      return oldest;
    }
    return claimed;
  }

  /** Stops listening; nothing more is delivered. */
  void close() {
    if (subscription != null) {
      subscription.dispose();
    }
  }

  /** Messages dropped because the room was flooded; any thread. */
  long dropped() {
    return dropped.get();
  }
}
