package dev.tickstream;

import dev.tickstream.gateway.HttpGateway;
import dev.tickstream.room.Rooms;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.SSLEngineOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * One event loop of a node: it hosts rooms and serves HTTP/WebSocket on the shared ports
 * (Vert.x spreads accepted connections over the instances). Deployed once per room thread.
 */
final class NodeVerticle extends VerticleBase {
  private final String host;
  private final int port;
  private final int tlsPort;
  private final KeyCertOptions keyCert;
  private final SSLEngineOptions tlsEngine;
  private final Rooms rooms;
  private final HttpGateway gateway;
  private final List<HttpServer> servers = new ArrayList<>();

  NodeVerticle(String host, int port, int tlsPort, KeyCertOptions keyCert,
      SSLEngineOptions tlsEngine, Rooms rooms, HttpGateway gateway) {
    this.host = host;
    this.port = port;
    this.tlsPort = tlsPort;
    this.keyCert = keyCert;
    this.tlsEngine = tlsEngine;
    this.rooms = rooms;
    this.gateway = gateway;
  }

  @Override
  public Future<?> start() {
    rooms.addHost(context);
    var router = gateway.router(vertx);
    Future<HttpServer> plain = listen(options().setPort(port), router);
    if (tlsPort < 0) {
      return plain;
    }
    HttpServerOptions tls = options().setPort(tlsPort).setSsl(true).setKeyCertOptions(keyCert)
        .setSslEngineOptions(tlsEngine);
    return Future.all(plain, listen(tls, router));
  }

  private Future<HttpServer> listen(HttpServerOptions opts, io.vertx.ext.web.Router router) {
    return vertx.createHttpServer(opts).connectionHandler(gateway.connectionHandler(vertx))
        .requestHandler(router).listen().onSuccess(servers::add);
  }

  private HttpServerOptions options() {
    return gateway.serverOptions().setHost(host).setTcpNoDelay(true);
  }

  int actualPort() {
    return servers.get(0).actualPort();
  }

  int actualTlsPort() {
    return servers.size() > 1 ? servers.get(1).actualPort() : -1;
  }
}
