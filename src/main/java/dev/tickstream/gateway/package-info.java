/**
 * The HTTP face of a node: routes ({@code HttpGateway}), the listings ({@code Listings}), what
 * every answer and request body must be ({@code HttpHygiene}: security headers, JSON-only
 * bodies kept in memory, failures without stack traces), matchmaking's per-address bounds
 * ({@code MatchmakeLimits}), {@code /metrics} ({@code MetricsEndpoint}), the WebSocket
 * handshake checks ({@code IpLimits}: per-address handshake rate and connection count;
 * subprotocol, Origin, seat token), one {@code Connection} per socket (frame judging in
 * {@code InboundFrames}: size, decode, order, the game's checks, input token bucket; idle and
 * join timeouts), plain HTTP connections' timeouts and per-address cap
 * ({@code HttpConnections}), who a request comes from behind trusted proxies
 * ({@code Forwarding}, {@code IpAddresses}) and the URLs handed out ({@code PublicUrls}), seat
 * tokens ({@code SeatTokens}) and the gateway's metrics.
 *
 * <p>Threads: a connection's code runs on its socket's event loop; {@code send} and
 * {@code close} may be called from its room's loop. Per-address limits are shared by all
 * event loops of a node and are thread-safe.
 */
package dev.tickstream.gateway;
