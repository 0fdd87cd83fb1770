package io.guardstream.gateway;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The gateway's routes: {@code POST /v1/chat/completions}, {@code GET /healthz},
 * {@code GET /readyz}; anything else is a 404 or 405 in OpenAI's error format. A chat request
 * returns from {@link #handle} as soon as it is sent to Kafka; the Jetty callback completes when
 * its answer arrives, so a waiting request holds no thread. Neither the Authorization header nor
 * the body is ever logged.
 */
final class GatewayHandler extends Handler.Abstract {

  static final String CHAT_COMPLETIONS = "/v1/chat/completions";
  static final String REQUEST_ID_HEADER = "x-request-id";
  private static final HttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON.asString());
  private static final byte[] ALIVE = "{\"status\":\"alive\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] READY = "{\"status\":\"ready\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] NOT_READY = "{\"status\":\"not ready\"}".getBytes(StandardCharsets.UTF_8);

  private static final Pattern UNSAFE_PATH_CHARACTERS = Pattern.compile("[^A-Za-z0-9/._~-]");

  private final RequestReply requestReply;
  private final CorsPolicy cors;
  private final ClientAddress clientAddress;
  private final int maxBodyBytes;

  GatewayHandler(RequestReply requestReply, CorsPolicy cors, ClientAddress clientAddress, int maxBodyBytes) {
    this.requestReply = requestReply;
    this.cors = cors;
    this.clientAddress = clientAddress;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    switch (path) {
      case CHAT_COMPLETIONS:
        if (HttpMethod.POST.is(method)) {
          chat(request, response, callback);
        } else if (HttpMethod.OPTIONS.is(method)) {
          preflight(request, response, callback);
        } else {
          methodNotAllowed(response, callback, CorsPolicy.ALLOWED_METHODS);
        }
        return true;
      case "/healthz":
        probe(method, response, callback, 200, ALIVE);
        return true;
      case "/readyz":
        boolean ready = requestReply.ready();
        probe(method, response, callback, ready ? 200 : 503, ready ? READY : NOT_READY);
        return true;
      default:
        write(response, callback, GatewayReply.error(404, "not_found", "no route for " + method + " " + safe(path)));
        return true;
    }
  }

  private void probe(String method, Response response, Callback callback, int status, byte[] body) {
    if (HttpMethod.GET.is(method)) {
      write(response, callback, new GatewayReply(status, body, Map.of()));
    } else {
      methodNotAllowed(response, callback, "GET");
    }
  }

  private void chat(Request request, Response response, Callback callback) {
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    if (!cors.allows(origin)) {
      write(response, callback, GatewayReply.error(403, "origin_not_allowed", "this origin may not call the API"));
      return;
    }
    cors.addResponseHeaders(origin, response.getHeaders());
    if (!requestReply.ready()) {
      write(response, callback, GatewayReply.error(503, "not_ready", "the gateway is starting; retry shortly"));
      return;
    }
    if (request.getLength() > maxBodyBytes) {
      write(response, callback, tooLarge());
      return;
    }
    BodyReader.read(request, maxBodyBytes).whenComplete((body, failure) -> {
      // an exception thrown in here would vanish into the future and leave the exchange open
      try {
        if (failure == null) {
          send(request, response, callback, body);
        } else if (unwrap(failure) instanceof BodyReader.TooLarge) {
          write(response, callback, tooLarge());
        } else {
          callback.failed(unwrap(failure));
        }
      } catch (RuntimeException e) {
        callback.failed(e);
      }
    });
  }

  private void send(Request request, Response response, Callback callback, byte[] body) {
    String requestId = UUID.randomUUID().toString();
    response.getHeaders().put(REQUEST_ID_HEADER, requestId);
    byte[] value;
    try {
      value = ChatRequestBody.withId(body, requestId);
    } catch (ChatRequestBody.Invalid e) {
      write(response, callback, GatewayReply.error(400, e.code, e.getMessage(), e.param));
      return;
    }
    String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    List<String> forwardedFor = request.getHeaders().getValuesList(HttpHeader.X_FORWARDED_FOR);
    String client = clientAddress.resolve(Request.getRemoteAddr(request), forwardedFor);
    requestReply.exchange(requestId, value, authorization, client).whenComplete((reply, failure) -> {
      try {
        write(response, callback,
            failure == null ? reply : GatewayReply.error(500, "internal_error", "the gateway failed to handle the request"));
      } catch (RuntimeException e) {
        callback.failed(e);
      }
    });
  }

  private void preflight(Request request, Response response, Callback callback) {
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    if (origin == null) {
      response.getHeaders().put(HttpHeader.ALLOW, CorsPolicy.ALLOWED_METHODS);
      response.setStatus(204);
      callback.succeeded();
    } else if (!cors.allows(origin)) {
      write(response, callback, GatewayReply.error(403, "origin_not_allowed", "this origin may not call the API"));
    } else {
      cors.addPreflightHeaders(origin, request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_HEADERS),
          response.getHeaders());
      response.setStatus(204);
      callback.succeeded();
    }
  }

  private void methodNotAllowed(Response response, Callback callback, String allowed) {
    response.getHeaders().put(HttpHeader.ALLOW, allowed);
    write(response, callback, GatewayReply.error(405, "method_not_allowed", "allowed methods: " + allowed));
  }

  private GatewayReply tooLarge() {
    return GatewayReply.error(413, "request_too_large", "the request body is larger than " + maxBodyBytes + " bytes");
  }

  static void write(Response response, Callback callback, GatewayReply reply) {
    response.setStatus(reply.status());
    reply.headers().forEach(response.getHeaders()::put);
    response.getHeaders().put(JSON);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
    response.write(true, ByteBuffer.wrap(reply.body()), callback);
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }

  /** A path echoed in an error: bounded and stripped to safe characters, as it is client-chosen. */
  private static String safe(String path) {
    String p = path.length() > 100 ? path.substring(0, 100) + "..." : path;
    return UNSAFE_PATH_CHARACTERS.matcher(p).replaceAll("?");
  }
}
