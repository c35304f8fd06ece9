/**
 * Small-team football (soccer), the second example game, written only against the game API in
 * {@code dev.tickstream.sim}: {@link dev.tickstream.games.football.FootballGame} (the hooks and
 * the entity schema), {@link dev.tickstream.games.football.FootballSpec} (the {@code football}
 * spec), {@link dev.tickstream.games.football.FootballRows} (state written and restored),
 * {@link dev.tickstream.games.football.FootballMatch} (phases, score, clock, kick-offs, goals),
 * {@link dev.tickstream.games.football.FootballPhysics} (players' movement, which clients
 * predict, kicks and the ball), {@link dev.tickstream.games.football.FootballLobby} (modes,
 * seats and teams) and {@link dev.tickstream.games.football.FootballRules} (the constants).
 * Its protobuf messages are {@code proto/games/football/v1/football.proto}.
 *
 * <p>Threading: a game instance and everything it owns belong to one room and run only on that
 * room's thread, one hook at a time; nothing here blocks or keeps a clock. The same seed, joins
 * and inputs give the same states, tick for tick. {@code FootballRules} and the spec are
 * immutable and shared.
 */
package dev.tickstream.games.football;
