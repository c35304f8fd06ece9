/**
 * The simulation: the {@link dev.tickstream.sim.Game} contract the engine drives, the quantized
 * {@link dev.tickstream.sim.EntityTable} it writes, and the reference arena game
 * ({@link dev.tickstream.sim.ArenaGame}, {@link dev.tickstream.sim.ArenaRules}).
 *
 * <p>Plain Java with no dependency outside the JDK (no Vert.x, no RxJava, no clock, no
 * sockets), so rules are testable and repeatable: the same seed and the same inputs give the
 * same states, tick for tick.
 *
 * <p>Threading: a game instance belongs to one room and is called only from that room's thread
 * (its Vert.x context), once per tick: every input of the tick, then {@code step}, then
 * {@code writeState}. Nothing here is thread-safe and nothing here blocks.
 */
package dev.tickstream.sim;
