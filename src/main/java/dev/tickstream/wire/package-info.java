/**
 * The wire core, shared by the server and the SDKs: the quantized entity table a game writes
 * and a client mirrors ({@link dev.tickstream.wire.EntityTable}), a game's schema as a client
 * reads it from {@code Welcome} ({@link dev.tickstream.wire.WireSchema}), the delta decoder
 * ({@link dev.tickstream.wire.DeltaDecoder}) and the ring of recent states by tick that deltas
 * are applied against ({@link dev.tickstream.wire.SnapshotRing}). Plain Java and the generated
 * protocol classes; no engine, no Vert.x. The format is documented in {@code docs/PROTOCOL.md}
 * and on {@code Snapshot} in {@code proto/tickstream/v1/tickstream.proto}.
 *
 * <p>Threading: every class is confined to one thread (its room's event loop on the server, the
 * session's event loop in the SDK) and reuses its arrays, except {@code WireSchema}, which is
 * immutable.
 */
package dev.tickstream.wire;
