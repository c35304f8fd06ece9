/**
 * Configuration: one immutable {@link dev.tickstream.config.TickstreamConfig}, loaded once at
 * start-up (defaults &lt; file &lt; environment &lt; system properties) and then read from any
 * thread.
 */
package dev.tickstream.config;
