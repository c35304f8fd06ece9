/**
 * The arena shooter, the reference workload of the benchmarks, written only against the game
 * API ({@link dev.tickstream.sim}): its spec ({@link dev.tickstream.games.arena.ArenaGame#spec}),
 * rules and state. Its own messages are {@code proto/games/arena/v1/arena.proto}.
 *
 * <p>Threads: a game instance is confined to its room's thread; the input check is pure.
 */
package dev.tickstream.games.arena;
