package io.guardstream.gateway;

import java.net.URI;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The OpenAI-compatible gateway: a Jetty 12 server (HTTPS with TLS 1.2 or 1.3, or plain HTTP when
 * configured so behind a TLS-terminating proxy) in front of request-reply over Kafka.
 */
public final class Gateway implements AutoCloseable {

  private final Server server;
  private final ServerConnector connector;
  private final RequestReply requestReply;
  private final boolean tls;
  private final String host;

  private Gateway(Server server, ServerConnector connector, RequestReply requestReply, GatewayConfig config) {
    this.server = server;
    this.connector = connector;
    this.requestReply = requestReply;
    this.tls = config.tls() != null;
    this.host = config.host();
  }

  /** Connects to Kafka first (readiness), then listens; fails with a one-line reason. */
  public static Gateway start(GatewayConfig config) {
    KafkaRequestReply requestReply = KafkaRequestReply.start(config);
    try {
      return start(config, requestReply);
    } catch (RuntimeException e) {
      requestReply.close();
      throw e;
    }
  }

  /** Serves {@code requestReply}, which the gateway closes when it is closed. */
  public static Gateway start(GatewayConfig config, RequestReply requestReply) {
    return start(config, requestReply, 200);
  }

  /** @param maxThreads Jetty's pool: it bounds requests being read or written, not requests waiting for answers */
  static Gateway start(GatewayConfig config, RequestReply requestReply, int maxThreads) {
    QueuedThreadPool threads = new QueuedThreadPool(maxThreads, Math.min(8, maxThreads));
    threads.setName("gateway-http");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector;
    if (config.tls() != null) {
      http.setSecureScheme("https");
      http.addCustomizer(new SecureRequestCustomizer());
      connector = new ServerConnector(server, new SslConnectionFactory(sslContextFactory(config.tls()), "http/1.1"),
          new HttpConnectionFactory(http));
    } else {
      connector = new ServerConnector(server, new HttpConnectionFactory(http));
    }
    connector.setHost(config.host());
    connector.setPort(config.port());
    // a request waits for its answer without traffic on the connection: outlast the reply timeout
    connector.setIdleTimeout(Math.max(30_000, config.replyTimeout().toMillis() + 5_000));
    server.addConnector(connector);
    var handler = new GatewayHandler(requestReply, new CorsPolicy(config.corsOrigins()),
        new ClientAddress(config.trustedProxies()), config.maxBodyBytes());
    server.setHandler(new SecurityHeaders(handler));
    server.setErrorHandler(new JsonErrorHandler());
    try {
      server.start();
    } catch (Exception e) {
      stopQuietly(server);
      throw new IllegalStateException("the gateway cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
    }
    return new Gateway(server, connector, requestReply, config);
  }

  private static SslContextFactory.Server sslContextFactory(GatewayConfig.Tls tls) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStorePath(tls.keystore().toString());
    ssl.setKeyStoreType(tls.keystoreType());
    ssl.setKeyStorePassword(tls.password());
    // TLS 1.0 and 1.1 are deprecated (RFC 8996); Jetty's defaults already drop weak cipher suites
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    return ssl;
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** The base URL clients use, e.g. {@code https://localhost:8443/v1}. */
  public URI baseUri() {
    String shown = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host.contains(":") ? "[" + host + "]" : host;
    return URI.create((tls ? "https" : "http") + "://" + shown + ":" + port() + "/v1");
  }

  public boolean ready() {
    return requestReply.ready();
  }

  @Override
  public void close() {
    stopQuietly(server);
    requestReply.close();
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      // stopping: nothing left to do about it
    }
  }
}
