package io.guardstream.auth.remote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real HTTPS server on 127.0.0.1 with a self-signed certificate made by {@code keytool} at first
 * use, standing in for an identity provider. Counts the requests each path receives. Public for
 * the integration tests of other packages that need a real authorization server.
 */
public final class LocalHttpsServer implements AutoCloseable {

  /** One request as the server saw it. */
  public record Request(String method, String authorization, String contentType, String body) {}

  /** What to answer; {@code delayMs} holds the answer back, to provoke a client timeout. */
  public record Reply(int status, String json, long delayMs) {
    public static Reply ok(String json) {
      return new Reply(200, json, 0);
    }

    public static Reply status(int status) {
      return new Reply(status, "{}", 0);
    }
  }

  public interface Route {
    Reply answer(Request request);
  }

  private static final char[] PASSWORD = "test-only".toCharArray();
  private static volatile SSLContext serverTls;
  private static volatile SSLSocketFactory clientTls;

  private final HttpsServer server;
  private final ExecutorService workers = Executors.newCachedThreadPool();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

  public LocalHttpsServer() throws Exception {
    ensureCertificate();
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
    server.setExecutor(workers);
    server.start();
  }

  /** Trusts exactly this test's certificate. */
  public static SSLSocketFactory clientTls() throws Exception {
    ensureCertificate();
    return clientTls;
  }

  public void route(String path, Route route) {
    hits.putIfAbsent(path, new AtomicInteger());
    server.createContext(path, exchange -> answer(exchange, path, route));
  }

  public URI uri(String path) {
    return URI.create("https://localhost:" + server.getAddress().getPort() + path);
  }

  public int hits(String path) {
    return hits.getOrDefault(path, new AtomicInteger()).get();
  }

  /** Stops listening: later connections are refused, as when the real endpoint is down. */
  void stop() {
    server.stop(0);
  }

  @Override
  public void close() {
    stop();
    workers.shutdownNow();
  }

  private void answer(HttpExchange exchange, String path, Route route) throws IOException {
    hits.get(path).incrementAndGet();
    try (InputStream in = exchange.getRequestBody()) {
      var request =
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestHeaders().getFirst("Authorization"),
              exchange.getRequestHeaders().getFirst("Content-Type"),
              new String(in.readAllBytes(), StandardCharsets.UTF_8));
      Reply reply = route.answer(request);
      if (reply.delayMs() > 0) {
        Thread.sleep(reply.delayMs());
      }
      byte[] body = reply.json().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(reply.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client gave up (a timeout test); nothing to answer
    } finally {
      exchange.close();
    }
  }

  private static synchronized void ensureCertificate() throws Exception {
    if (serverTls != null) {
      return;
    }
    Path dir = Files.createTempDirectory("guardstream-tls");
    Path store = dir.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (keytool.waitFor() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    SSLContext server = SSLContext.getInstance("TLS");
    server.init(kmf.getKeyManagers(), null, null);

    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("server", keys.getCertificate("server"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    SSLContext client = SSLContext.getInstance("TLS");
    client.init(null, tmf.getTrustManagers(), null);
    clientTls = client.getSocketFactory();
    serverTls = server;
    Files.delete(store);
    Files.delete(dir);
  }
}
