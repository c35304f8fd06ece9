/**
 * Bots: many game clients per event loop over the Java SDK against a real server
 * ({@link dev.tickstream.loadtest.LoadRun}), sampled once a second by the calling thread,
 * reported as JSON and HTML with an SLO verdict. A bot is a client like any other: it imports
 * the SDK, the wire core and the configuration only, and reads each game's fields, kinds and
 * rule constants from its {@code Welcome} ({@code Pilot} for the arena, {@code FootballPilot}).
 * A node inside this JVM ({@code --in-process}) comes from whoever runs the command, through
 * {@link dev.tickstream.loadtest.InProcessServer}.
 *
 * {@code loadtest nodeloss} ({@code NodeLossRun}) starts a cluster of child JVMs
 * ({@code NodeCluster}), kills one and restarts each in turn, with bots that resume as real
 * clients do ({@code ResumingBot}).
 *
 * {@code loadtest cost} is {@link dev.tickstream.loadtest.cost}; it gets the bots through
 * {@code CostBotDriver} (a {@code LoadRun} that reports its measured window).
 *
 * <p>Threads: a {@code BotLoop} and its bots live on one event loop and are touched only there;
 * the runner thread only waits, reads copies of the loops' windows and scrapes metrics.
 */
package dev.tickstream.loadtest;
