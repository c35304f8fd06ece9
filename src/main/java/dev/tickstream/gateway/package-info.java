/**
 * The HTTP face of a node: routes, the WebSocket handshake checks (per-address handshake rate
 * and connection count, subprotocol, Origin, seat token), one {@code Connection} per socket
 * (frame judging in {@code InboundFrames}: size, decode, order, ranges, input token bucket;
 * idle and join timeouts), seat tokens and the gateway's metrics.
 *
 * <p>Threads: a connection's code runs on its socket's event loop; {@code send} and
 * {@code close} may be called from its room's loop. Per-address limits are shared by all
 * event loops of a node and are thread-safe.
 */
package dev.tickstream.gateway;
