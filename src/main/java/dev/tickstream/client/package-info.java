/**
 * The Java SDK: matchmake ({@link dev.tickstream.client.TickstreamClient}), connect, join, send
 * the game's inputs and messages, keep a mirror of the room by applying deltas, and receive the
 * game's events ({@link dev.tickstream.client.GameSession}); fields are read by name through
 * the room's schema. Bots, tools and tests use it; any game works.
 *
 * <p>Threads: a session's handlers run on its event loop, and its mirror is read only there;
 * call a session from other threads through {@code session.context().runOnContext(...)}.
 */
package dev.tickstream.client;
