package dev.tickstream.gateway;

import dev.tickstream.replay.Recordings;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recordings over HTTP: {@code GET /api/replays} lists them (game, room, players, start,
 * duration, size), {@code GET /api/replays/<id>} serves one file, whole or a single byte range
 * ({@code Range: bytes=a-b}, 206), for a player that seeks by chunks. An id that is not
 * well-formed is refused with 400 before it comes near a path; an unknown one is 404. The disk
 * is read off the event loop.
 */
final class Replays {
  private static final String PREFIX = "/api/replays/";
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d{1,15})-(\\d{0,15})");

  private final Recordings recordings;
  private final GatewayMetrics metrics;

  Replays(Recordings recordings, GatewayMetrics metrics) {
    this.recordings = recordings;
    this.metrics = metrics;
  }

  void list(RoutingContext ctx) {
    ctx.vertx().executeBlocking(() -> new JsonArray(recordings.list()).encode())
        .onSuccess(body -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end(body))
        .onFailure(ctx::fail);
  }

  void file(RoutingContext ctx) {
    String raw = ctx.request().path().substring(PREFIX.length());
    String id;
    try {
      id = URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      id = null;
    }
    if (id == null || !Recordings.ID.matcher(id).matches()) {
      refuse(ctx, 400, "not a recording id: ids are 1..80 letters, digits, - and _");
      return;
    }
    String valid = id;
    ctx.vertx().executeBlocking(() -> {
      Path p = recordings.file(valid);
      return p == null ? null : new Object[] {p, Files.size(p)};
    }).onFailure(ctx::fail).onSuccess(found -> {
      if (found == null) {
        refuse(ctx, 404, "no recording " + valid);
        return;
      }
      String path = found[0].toString();
      long size = (Long) found[1];
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream")
          .putHeader("Accept-Ranges", "bytes").putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
      String range = ctx.request().getHeader("Range");
      if (range == null) {
        ctx.response().sendFile(path);
        return;
      }
      Matcher m = RANGE.matcher(range.trim());
      long from = m.matches() ? Long.parseLong(m.group(1)) : -1;
      long to = !m.matches() ? -1 : m.group(2).isEmpty() ? size - 1
          : Math.min(size - 1, Long.parseLong(m.group(2)));
      if (from < 0 || from >= size || to < from) {
        ctx.response().setStatusCode(416).putHeader("Content-Range", "bytes */" + size).end();
        return;
      }
      ctx.response().setStatusCode(206)
          .putHeader("Content-Range", "bytes " + from + "-" + to + "/" + size)
          .sendFile(path, from, to - from + 1);
    });
  }

  private void refuse(RoutingContext ctx, int status, String reason) {
    metrics.limit(status == 400 ? GatewayMetrics.REPLAY_ID : GatewayMetrics.REPLAY_UNKNOWN);
    HttpGateway.json(ctx, status, HttpGateway.error(reason));
  }
}
