package dev.tickstream.room;

import io.reactivex.rxjava3.core.Flowable;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.Executor;

/**
 * What a room sees of one client connection: the gateway implements it, the room uses it.
 * Methods may be called from the room's thread even when the socket lives on another loop.
 */
public interface ClientLink {

  /**
   * The client's parsed, validated inputs, acks and game messages, in arrival order. Bounded:
   * when the room falls behind, the oldest buffered messages are dropped (and counted), because
   * a newer input supersedes an older one. Completes when the socket closes.
   */
  Flowable<Inbound> messages();

  /** Writes one binary frame; never blocks and never throws once the socket is closed. */
  void send(Buffer frame);

  /**
   * The event loop this socket's writes run on, so that a room on another loop hands it a
   * tick's frames in one task rather than one per socket; null (the default) when a write from
   * any thread costs nothing extra. Every link on one loop returns the same instance.
   */
  default Loop loop() {
    return null;
  }

  /** An event loop sockets live on: runs tasks on it, in submission order. */
  interface Loop extends Executor {
    /** True when the calling thread is this loop's own. */
    boolean inLoop();
  }

  /** True while the socket's write queue is over its high-water mark: skip, do not buffer. */
  boolean writeQueueFull();

  /** Sends a {@code Closing} message, then a close frame with the same code and reason. */
  void close(short code, String reason, String redirectUrl);

  /** Completes when the socket has closed, for whatever reason, saying who closed it. */
  Future<Closed> closed();

  /**
   * How a connection ended.
   *
   * @param code the close code this server sent, or 1006 when the connection was lost
   */
  record Closed(How how, int code) {
    /** The client left ({@code Leave}), this server closed it, or the connection was lost. */
    public enum How { LEFT, BY_SERVER, LOST }
  }

  /** Remote address, for logs. */
  String remote();
}
