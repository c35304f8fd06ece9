/**
 * In-process benchmarks, apart from the bots because they reach into the server: the
 * {@code bandwidth} command ({@link dev.tickstream.bench.BandwidthCommand}) runs real rooms of
 * the arena with in-memory links ({@code MemoryLink}) and compares the delta codec's bytes with
 * baselines ({@code Baselines}) and across world sizes ({@code BandwidthScaling},
 * {@code ScalingHtml}).
 *
 * <p>Threads: a run's rooms tick on one Vert.x event loop, driven tick by tick from it; the
 * calling thread waits, then writes the report.
 */
package dev.tickstream.bench;
