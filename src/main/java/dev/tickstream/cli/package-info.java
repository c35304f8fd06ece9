/**
 * The bundled jar's command line ({@link dev.tickstream.cli.Main}): {@code serve} runs a node
 * with the two example games, {@code loadtest} runs bots (with {@link
 * dev.tickstream.cli.InProcessNode} for {@code --in-process}), {@code bandwidth} runs the
 * in-process benchmark, {@code version} prints the build. The only package that knows the node,
 * the bots and the benchmarks at once; none of them knows it.
 *
 * <p>Threads: the caller's (the JVM's main thread), which starts things and waits.
 */
package dev.tickstream.cli;
