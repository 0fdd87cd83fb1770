package io.guardstream.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.guardstream.messages.Alert;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RemoteCredentialAlertsTest {

  @Test
  void shouldRaiseOneAlertPerIssuerOutageWithinFiveMinutesAndNameNoSecret() {
    var alerts = new RemoteCredentialAlerts();
    alerts.onJwksOutage("https://idp.example", "connection refused");
    alerts.onJwksOutage("https://idp.example", "connection refused");
    alerts.onJwksOutage("https://partner.example", "timeout");
    List<Alert> raised = alerts.drain();
    assertThat(raised).extracting(Alert::rule).containsExactly("jwks_outage", "jwks_outage");
    assertThat(raised).extracting(Alert::subject).containsExactly("https://idp.example", "https://partner.example");
    assertThat(alerts.drain()).isEmpty();
    alerts.onIntrospectionCircuitOpen("https://as.example/introspect");
    assertThat(alerts.drain()).extracting(Alert::rule).containsExactly("introspection_unavailable");
  }

  @Test
  void shouldForgetVerifiedTokensOnlyWhenAnIssuersKeysChange() {
    var alerts = new RemoteCredentialAlerts();
    var invalidations = new AtomicInteger();
    alerts.onKeysChanged(invalidations::incrementAndGet);
    alerts.onJwksRefreshed("https://idp.example", false);
    alerts.onJwksRefreshed("https://idp.example", true);
    assertThat(invalidations).hasValue(1);
  }
}
