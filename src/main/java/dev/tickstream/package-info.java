/**
 * A Tickstream node: {@link dev.tickstream.Tickstream#builder()} starts one serving your games
 * from your own {@code main}; {@link dev.tickstream.TickstreamServer} wires the gateway, the
 * rooms and the cluster on one Vert.x instance. (The bundled jar's command line is
 * {@code dev.tickstream.cli}.)
 *
 * <p>Threads: starting and draining run on the caller's thread and wait for the node's
 * futures; everything else runs on Vert.x event loops.
 */
package dev.tickstream;
