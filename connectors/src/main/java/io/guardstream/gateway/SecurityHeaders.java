package io.guardstream.gateway;

import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The headers every answer carries, errors included. The API serves JSON only, so the policy is the
 * strictest there is: nothing may be loaded, framed, sniffed as another type, cached or referred.
 */
final class SecurityHeaders extends Handler.Wrapper {

  /** One year, the minimum the HSTS preload list asks for (RFC 6797 section 6.1.1). */
  static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

  SecurityHeaders(Handler handler) {
    super(handler);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    addTo(response.getHeaders());
    return super.handle(request, response, callback);
  }

  /** Encoded once: these go out on every answer. */
  private static final List<HttpField> FIELDS = List.of(
      new PreEncodedHttpField(HttpHeader.STRICT_TRANSPORT_SECURITY, STRICT_TRANSPORT_SECURITY),
      new PreEncodedHttpField("X-Content-Type-Options", "nosniff"),
      new PreEncodedHttpField("Content-Security-Policy", CONTENT_SECURITY_POLICY),
      new PreEncodedHttpField("Referrer-Policy", "no-referrer"),
      new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store"));

  static void addTo(HttpFields.Mutable headers) {
    for (HttpField field : FIELDS) {
      headers.put(field);
    }
  }
}
