/**
 * The example games, one package each ({@code arena}, {@code football}), written against the
 * game API ({@code dev.tickstream.sim}) and the wire core's {@code EntityTable} alone, as any
 * game developer's game would be: no engine package, no Vert.x. The engine never names them;
 * only the jar's command line ({@code dev.tickstream.cli}) and the in-process benchmarks do.
 *
 * <p>Threading: a game instance runs on its room's event loop only (see {@code Game}).
 */
package dev.tickstream.games;
