package io.guardstream.auth.remote;

/**
 * What happens between Guardstream and the servers that vouch for remote credentials, for the
 * pipeline to count and alert on. Called on the thread that verifies a token, so an implementation
 * must return quickly and never throw. No argument ever holds a token or a secret.
 */
public interface RemoteCredentialEvents {

  /** Ignores every event. */
  RemoteCredentialEvents NONE = new RemoteCredentialEvents() {};

  /**
   * The issuer's key set was (re)loaded into the cache; during an outage that is the copy kept
   * from before it, announced by {@link #onJwksOutage} first. {@code keysChanged} is true when the
   * key ids differ from the set held before (false on the first load): the moment to drop tokens
   * verified with a key that may now be withdrawn.
   */
  default void onJwksRefreshed(String issuer, boolean keysChanged) {}

  /** The JWKS could not be fetched; verification goes on with the cached keys. An alert. */
  default void onJwksOutage(String issuer, String reason) {}

  /** A refresh was refused by the rate limit: many tokens name key ids the issuer does not have. */
  default void onJwksRefreshRateLimited(String issuer) {}

  /** Introspection calls failed in a row; calls now fail fast until a probe succeeds. An alert. */
  default void onIntrospectionCircuitOpen(String endpoint) {}

  /** A probe call succeeded; introspection is back. */
  default void onIntrospectionCircuitClosed(String endpoint) {}
}
