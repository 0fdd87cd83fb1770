package io.guardstream.gateway;

/**
 * The record header names the gateway shares with the pipeline. They are the ones
 * {@code io.guardstream.ingest.RequestHeaders} reads; connectors cannot depend on the topology
 * module (its tests run the connectors' echo worker), so a test in the cli module (which sees both) checks
 * that the two agree.
 */
public final class GatewayHeaders {

  /** {@code Bearer <credential>} on {@code llm.requests}, as the client sent it. */
  public static final String AUTHORIZATION = "authorization";

  /** The client's address on {@code llm.requests}. */
  public static final String CLIENT_ADDRESS = "client-address";

  /** Answer headers copied from {@code llm.responses} to the HTTP response. */
  static boolean isCopiedToHttp(String name) {
    return name.startsWith("x-ratelimit-") || name.equals("retry-after");
  }

  private GatewayHeaders() {}
}
