package dev.tickstream.gateway;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * What the gateway needs of a WebSocket's TCP connection that Vert.x 5's public API does not
 * give: dropping it at once, and hearing of a frame the transport refused before Vert.x
 * resets the connection. It reaches Vert.x's connection class (internal to Vert.x 5), so it
 * lives here alone; where that class is not in use it degrades to Vert.x's own close.
 */
final class RawSocket {
  /** The name Vert.x gives its handler in an upgraded WebSocket's pipeline. */
  private static final String VERTX_HANDLER = "handler";

  private final HttpConnection http;
  private final Channel channel;

  private RawSocket(HttpConnection http) {
    this.http = http;
    this.channel = http instanceof ConnectionBase c ? c.channelHandlerContext().channel() : null;
  }

  /** Taken from the handshake's request, before it is upgraded. */
  static RawSocket of(HttpConnection http) {
    return new RawSocket(http);
  }

  /**
   * Closes the TCP connection now, whatever is queued on it. Vert.x's close always queues a
   * close frame first, which a client that reads nothing never lets out.
   */
  void drop() {
    if (channel != null) {
      // From the first handler inward: past Vert.x's own handler, which would only start the
      // graceful close again.
      channel.pipeline().firstContext().close();
    } else {
      http.close();
    }
  }

  /**
   * Calls {@code refused} (on the socket's event loop) with a close code and reason when the
   * transport's frame decoder refuses a frame: over the size backstop, unmasked, a bad opcode.
   * Vert.x would close the socket at once, with the rest of the client's frame unread, so the
   * kernel resets it and the client sees 1006 and no reason; instead the decoder goes on
   * discarding what arrives while the caller's close frame goes out. Call once, after the
   * upgrade, on the socket's event loop.
   */
  void onRefusedFrame(Refused refused) {
    if (channel == null || channel.pipeline().get(VERTX_HANDLER) == null) {
      return;
    }
    channel.pipeline().addBefore(VERTX_HANDLER, "tickstream-refused-frames",
        new ChannelInboundHandlerAdapter() {
          private boolean told;

          @Override
          public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof CorruptedWebSocketFrameException e) {
              if (!told) {
                told = true;
                refused.frame((short) e.closeStatus().code(), String.valueOf(e.getMessage()));
              }
              return;
            }
            ctx.fireExceptionCaught(cause);
          }
        });
  }

  /** A frame the transport refused: the RFC 6455 code it calls for and the decoder's words. */
  @FunctionalInterface
  interface Refused {
    void frame(short code, String reason);
  }
}
