/**
 * The server's side of snapshot synchronisation: what each client was sent
 * ({@code ViewRing}), area of interest ({@code InterestGrid}), the delta encoder
 * ({@code DeltaEncoder}, with its per-row memo {@code RowMemo}), the world fan-out's fast path
 * for views against the previous tick ({@code ViewDeltas}) and the per-client frame header
 * ({@code SnapshotFrames}). It builds on the wire core ({@code dev.tickstream.wire}), and knows
 * no room, socket or metric.
 *
 * <p>Threading: every class here is confined to its room's event loop and reuses its arrays
 * from tick to tick so the tick allocates nothing; none is safe to share between threads.
 */
package dev.tickstream.sync;
