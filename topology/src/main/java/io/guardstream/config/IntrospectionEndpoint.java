package io.guardstream.config;

import java.net.URI;

/**
 * Where opaque OAuth 2.0 access tokens are checked (RFC 7662 token introspection).
 *
 * @param url the authorization server's introspection endpoint ({@code https://} only)
 * @param clientId Guardstream's client id at that server
 * @param clientSecret its client secret (client_secret_basic)
 * @param timeoutMs longest wait for one answer
 * @param cacheSeconds longest an answer is reused, however long the token lives
 */
public record IntrospectionEndpoint(URI url, String clientId, Secret clientSecret, int timeoutMs, int cacheSeconds) {

  @Override
  public String toString() {
    return "IntrospectionEndpoint[" + url + ", client " + clientId + ", secret redacted]";
  }
}
