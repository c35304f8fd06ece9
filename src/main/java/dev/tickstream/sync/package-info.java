/**
 * Snapshot synchronisation: the history of world states by tick ({@code SnapshotRing}), what
 * each client was sent ({@code ViewRing}), area of interest ({@code InterestGrid}), the delta
 * codec ({@code DeltaEncoder}, {@code DeltaDecoder}), the world fan-out's fast path for views
 * against the previous tick ({@code ViewDeltas}) and the per-client frame header
 * ({@code SnapshotFrames}). The wire format is documented on {@code Snapshot} in
 * {@code proto/tickstream/v1/tickstream.proto}.
 *
 * <p>Threading: every class here is confined to one thread, its room's event loop (or the
 * client's), and reuses its arrays from tick to tick so the tick allocates nothing; none is
 * safe to share between threads.
 */
package dev.tickstream.sync;

