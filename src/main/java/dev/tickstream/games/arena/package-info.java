/**
 * The arena shooter, the reference workload of the benchmarks, written only against the game
 * API ({@link dev.tickstream.sim}): {@link dev.tickstream.games.arena.ArenaGame} (the hooks and
 * the entity schema), {@link dev.tickstream.games.arena.ArenaSpec} (what a node serves, as
 * {@link dev.tickstream.games.arena.ArenaGame#spec}),
 * {@link dev.tickstream.games.arena.ArenaMovement} (steering, moving, spawning),
 * {@link dev.tickstream.games.arena.ArenaCombat} (shots, flight, hits, kills),
 * {@link dev.tickstream.games.arena.ArenaEvents} (who hears a hit or a kill),
 * {@link dev.tickstream.games.arena.ArenaRows} (the state written and restored) and
 * {@link dev.tickstream.games.arena.ArenaRules} (the constants). Its own messages are
 * {@code proto/games/arena/v1/arena.proto}.
 *
 * <p>Threads: a game instance and its parts are confined to its room's thread; the spec is
 * shared and its checks are pure.
 */
package dev.tickstream.games.arena;
