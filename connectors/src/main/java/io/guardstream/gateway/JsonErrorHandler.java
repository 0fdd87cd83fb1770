package io.guardstream.gateway;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself (a malformed request line, headers too large, a handler failure)
 * in OpenAI's format and with the security headers, instead of Jetty's HTML page. The message is
 * the status's reason phrase only: an exception's message may quote the request.
 */
final class JsonErrorHandler extends ErrorHandler {

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) {
    SecurityHeaders.addTo(response.getHeaders());
    GatewayHandler.write(response, callback, GatewayReply.error(code, codeFor(code), HttpStatus.getMessage(code)));
  }

  private static String codeFor(int status) {
    return status >= 500 ? "internal_error" : "bad_request";
  }
}
