package io.guardstream.auth.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.guardstream.auth.AuthResult;
import io.guardstream.auth.OpaqueTokenVerifier;
import io.guardstream.auth.Principal;
import io.guardstream.config.RoleSettings;
import io.guardstream.config.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Opaque access tokens through a real introspection endpoint over HTTPS, to pipeline verdicts. */
class OpaqueTokenVerifierTest {

  private static final String PATH = "/oauth2/introspect";
  private static final long NOW = 1_800_000_000_000L;
  private LocalHttpsServer server;
  private OpaqueTokenVerifier verifier;

  @BeforeEach
  void start() throws Exception {
    server = new LocalHttpsServer();
    server.route(PATH, request -> request.body().contains("token=live-token")
        ? LocalHttpsServer.Reply.ok("{\"active\":true,\"sub\":\"svc-7\",\"iss\":\"https://as.example\","
            + "\"scope\":\"openid batch-runner\",\"client_id\":\"app\",\"exp\":" + (NOW / 1000 + 600) + "}")
        : LocalHttpsServer.Reply.ok("{\"active\":false}"));
    var settings = new IntrospectionSettings(server.uri(PATH), "guardstream",
        Secret.ephemeral("client", "client-secret".getBytes(StandardCharsets.UTF_8)), Duration.ofMillis(500),
        Duration.ofSeconds(60), Duration.ofSeconds(10), 1000, 2, Duration.ofSeconds(30), false);
    var introspector = new TokenIntrospector(settings, LocalHttpsServer.clientTls(), RemoteCredentialEvents.NONE);
    verifier = new OpaqueTokenVerifier(introspector,
        Map.of("batch-runner", new RoleSettings("batch-runner", List.of("gpt-4o-mini"), 1024, List.of("batch"), 300, null)),
        "as.example");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldAuthenticateAnActiveTokenWithThePermissionsOfItsScopes() {
    AuthResult result = verifier.verify("live-token", NOW);
    assertThat(result).isInstanceOf(AuthResult.Authenticated.class);
    Principal principal = ((AuthResult.Authenticated) result).principal();
    assertThat(principal.id()).isEqualTo("https://as.example|svc-7");
    assertThat(principal.method()).isEqualTo("opaque_token");
    assertThat(principal.allowedModels()).containsExactly("gpt-4o-mini");
    assertThat(principal.maxTokens()).isEqualTo(1024);
    assertThat(principal.requestsPerMinute()).isEqualTo(300);
  }

  @Test
  void shouldDenyAnInactiveTokenAndAnswerUnavailableWhenTheEndpointIsDown() {
    assertThat(verifier.verify("revoked-token", NOW)).isEqualTo(new AuthResult.Denied("invalid_token", "access token is not active"));
    server.stop();
    assertThat(verifier.verify("another-token", NOW)).isInstanceOf(AuthResult.Unavailable.class);
    // the cached answer for a token already checked still stands while the endpoint is down
    assertThat(verifier.verify("revoked-token", NOW + 1_000)).isInstanceOf(AuthResult.Denied.class);
  }
}
