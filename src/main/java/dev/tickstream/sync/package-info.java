/**
 * The server's side of snapshot synchronisation. Its entry point is {@code ViewEncoder}: a
 * room's fan-out asks it for each client's snapshot body and it picks the way to write it.
 * Behind it: what each client was sent ({@code ViewRing}), area of interest
 * ({@code InterestGrid}, {@code RowMap}), the general delta encoder ({@code DeltaEncoder},
 * with its per-row memo {@code RowMemo}), the fast path for views against the previous tick
 * ({@code ViewDeltas}), and the one body both encoders write ({@code WireBody});
 * {@code SnapshotFrames} adds the per-client header. It builds on the wire core
 * ({@code dev.tickstream.wire}), and knows no room, socket or metric.
 *
 * <p>Threading: every class here is confined to its room's event loop and reuses its arrays
 * from tick to tick so the tick allocates nothing; none is safe to share between threads.
 */
package dev.tickstream.sync;
