package io.guardstream.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** The record headers a request may carry on {@code llm.requests}. */
public final class RequestHeaders {

  /** {@code Bearer <credential>}; removed at ingest so that it is never copied to another topic. */
  public static final String AUTHORIZATION = "authorization";

  /** The client's address as the gateway saw it; pseudonymised at ingest. */
  public static final String CLIENT_ADDRESS = "client-address";

  private RequestHeaders() {}

  /** Every value of {@code name}, in order. */
  public static List<String> values(Headers headers, String name) {
    List<String> out = new ArrayList<>();
    for (Header header : headers.headers(name)) {
      out.add(header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
    }
    return out;
  }

  public static String lastValue(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
