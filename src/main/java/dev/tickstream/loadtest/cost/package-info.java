/**
 * {@code loadtest cost}: "players per core" in one run on one machine. Each variant's servers
 * run as child JVMs pinned to core 0 ({@code Servers}, {@code Pinning}); the players run in
 * this JVM on the other cores: bare Vert.x WebSocket clients against a bare Vert.x server for
 * the frame-I/O floor ({@code FloorClients}, {@code FloorServer}), the bot load tester for the
 * Tickstream variants (through {@link dev.tickstream.loadtest.cost.BotDriver}, which the bots'
 * command hands in, so this package does not depend on it). The {@code colyseus} and
 * {@code node-ws} variants run a Colyseus arena server or a node under the Node bots of
 * {@code loadtest/colyseus} ({@code NodeBots}), a child process on the players' cores. Server
 * CPU comes from {@code /proc/<pid>/stat} over the measured window only ({@code Meter});
 * {@code CostRun} alternates the variants over rounds and writes {@code cost.json} and {@code cost.html}.
 */
package dev.tickstream.loadtest.cost;
