package dev.tickstream.room;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The rooms' meters, aggregated over all rooms of the node (no per-room tags: room ids are
 * unbounded, and a metrics backend must not grow with them; per-room figures are at
 * {@code /api/rooms}). Safe to update from any room thread.
 */
public final class RoomMetrics {
  final Timer tickDuration;
  final Timer tickLateness;
  final Counter bytesOut;
  final Counter snapshotsSent;
  final Counter snapshotsSkipped;
  final Counter inputsDropped;
  final Counter stalledClosed;
  final Counter gameFailures;
  final Counter roomsRefused;
  final Counter viewTicksClamped;

  public RoomMetrics(MeterRegistry registry) {
    tickDuration = Timer.builder("tickstream.tick.duration")
        .description("Time spent running one room tick (inputs, simulation, encoding, writes)")
        .publishPercentiles(0.5, 0.95, 0.99)
        .distributionStatisticExpiry(Duration.ofSeconds(30))
        .register(registry);
    tickLateness = Timer.builder("tickstream.tick.lateness")
        .description("How late a tick started against its schedule (start + k * period)")
        .publishPercentiles(0.5, 0.95, 0.99)
        .distributionStatisticExpiry(Duration.ofSeconds(30))
        .register(registry);
    bytesOut = Counter.builder("tickstream.bytes.out")
        .description("Snapshot message bytes written to clients (payload, before compression)").register(registry);
    snapshotsSent = Counter.builder("tickstream.snapshots.sent")
        .description("Snapshots written to clients").register(registry);
    snapshotsSkipped = Counter.builder("tickstream.snapshots.skipped")
        .description("Snapshots skipped because a client's write queue was full")
        .register(registry);
    inputsDropped = Counter.builder("tickstream.inputs.dropped")
        .description("Inputs dropped because a room's input batch was full").register(registry);
    stalledClosed = Counter.builder("tickstream.clients.stalled")
        .description("Clients closed for not reading snapshots").register(registry);
    gameFailures = Counter.builder("tickstream.rooms.failed")
        .description("Rooms closed because their game threw").register(registry);
    roomsRefused = Counter.builder("tickstream.rooms.refused")
        .description("New rooms refused because the node runs maxRooms").register(registry);
    viewTicksClamped = Counter.builder("tickstream.view.ticks.clamped")
        .description("Inputs whose view tick claimed more than maxRewindMs ago, or the future")
        .register(registry);
  }

  /** Gauges of the node's rooms: count and seated players and spectators. */
  public void watch(MeterRegistry registry, Rooms rooms) {
    Gauge.builder("tickstream.rooms", rooms, r -> r.all().size())
        .description("Open rooms on this node").register(registry);
    Gauge.builder("tickstream.players", rooms,
            r -> r.all().stream().mapToInt(Room::players).sum())
        .description("Player seats taken (connected, reserved or within reconnect grace)")
        .register(registry);
    Gauge.builder("tickstream.spectators", rooms,
            r -> r.all().stream().mapToInt(Room::spectators).sum())
        .description("Spectator seats taken").register(registry);
  }
}
