package io.guardstream.auth.remote;

/**
 * Delivers events to a listener and swallows what it throws: an alerting hook must never turn a
 * key refresh into a failed verification or change an introspection verdict.
 */
final class GuardedEvents implements RemoteCredentialEvents {

  private final RemoteCredentialEvents listener;

  private GuardedEvents(RemoteCredentialEvents listener) {
    this.listener = listener;
  }

  static RemoteCredentialEvents around(RemoteCredentialEvents listener) {
    return listener instanceof GuardedEvents ? listener : new GuardedEvents(listener);
  }

  @Override
  public void onJwksRefreshed(String issuer, boolean keysChanged) {
    deliver(() -> listener.onJwksRefreshed(issuer, keysChanged));
  }

  @Override
  public void onJwksOutage(String issuer, String reason) {
    deliver(() -> listener.onJwksOutage(issuer, reason));
  }

  @Override
  public void onJwksRefreshRateLimited(String issuer) {
    deliver(() -> listener.onJwksRefreshRateLimited(issuer));
  }

  @Override
  public void onIntrospectionCircuitOpen(String endpoint) {
    deliver(() -> listener.onIntrospectionCircuitOpen(endpoint));
  }

  @Override
  public void onIntrospectionCircuitClosed(String endpoint) {
    deliver(() -> listener.onIntrospectionCircuitClosed(endpoint));
  }

  private static void deliver(Runnable notification) {
    try {
      notification.run();
    } catch (RuntimeException ignored) {
      // deliberately dropped, see the class comment
    }
  }
}
