/**
 * Bots and the tools built on them. {@code loadtest}: many bots per event loop over the Java
 * SDK against a real server ({@link dev.tickstream.loadtest.LoadRun}), sampled once a second
 * by the calling thread, reported as JSON and HTML with an SLO verdict. {@code bandwidth}:
 * the delta codec's bytes against baselines, in memory.
 *
 * <p>Threads: a {@code BotLoop} and its bots live on one event loop and are touched only there;
 * the runner thread only waits, reads copies of the loops' windows and scrapes metrics.
 */
package dev.tickstream.loadtest;
