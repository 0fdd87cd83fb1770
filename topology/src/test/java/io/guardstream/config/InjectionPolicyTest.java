package io.guardstream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code tenant.<name>.inspect.injection.*} and {@code inspect.canary.key} through ConfigLoader. */
class InjectionPolicyTest {

  private static InjectionPolicy policy(Map<String, String> env, String... pairs) {
    return ConfigLoader.load(ConfigLoaderTest.props(pairs), env).inspect().injection();
  }

  private static InjectionPolicy policy(String... pairs) {
    return policy(TestSecrets.environment(), pairs);
  }

  @Test
  void shouldGiveEveryTenantTheGlobalThresholdsByDefault() {
    InjectionPolicy p = policy("inspect.injection.flag.threshold", "0.6", "inspect.injection.block.threshold", "0.95");

    assertThat(p.forTenant("acme")).isEqualTo(new InjectionPolicy.Thresholds(0.6, 0.95));
    assertThat(p.forTenant(null)).isEqualTo(new InjectionPolicy.Thresholds(0.6, 0.95));
    assertThat(p.canaryKey()).as("canaries are off without a key").isNull();
  }

  @Test
  void shouldLetATenantOverrideEitherThresholdAndInheritTheOther() {
    InjectionPolicy p = policy(
        "tenant.bank.inspect.injection.flag.threshold", "0.3",
        "tenant.bank.inspect.injection.block.threshold", "0.6",
        "tenant.lab.eu.inspect.injection.block.threshold", "0.99");

    assertThat(p.forTenant("bank")).isEqualTo(new InjectionPolicy.Thresholds(0.3, 0.6));
    assertThat(p.forTenant("lab.eu")).isEqualTo(new InjectionPolicy.Thresholds(0.5, 0.99));
    assertThat(p.forTenant("other")).isEqualTo(new InjectionPolicy.Thresholds(0.5, 0.9));
  }

  @Test
  void shouldRefuseATenantBlockThresholdBelowItsFlagThreshold() {
    assertThatThrownBy(() -> policy("tenant.bank.inspect.injection.block.threshold", "0.4"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("tenant.bank.inspect.injection.block.threshold: must not be below");
  }

  @Test
  void shouldRefuseATenantThresholdOutOfRangeOrMisspelt() {
    assertThatThrownBy(() -> policy("tenant.bank.inspect.injection.flag.threshold", "1.5"))
        .hasMessage("tenant.bank.inspect.injection.flag.threshold: must be between 0 and 1, was 1.5");
    assertThatThrownBy(() -> policy("tenant.bank.inspect.injection.flag.treshold", "0.5"))
        .hasMessageStartingWith("tenant.bank.inspect.injection.flag.treshold: unknown setting");
  }

  @Test
  void shouldReadTheCanaryKeyByReferenceAndRefuseAShortOne() {
    Map<String, String> env = new HashMap<>(TestSecrets.environment());
    env.put("CANARY", Base64.getEncoder().encodeToString(new byte[48]));
    env.put("SHORT", Base64.getEncoder().encodeToString(new byte[16]));

    assertThat(policy(env, "inspect.canary.key", "env:CANARY").canaryKey().base64Bytes("k")).hasSize(48);
    assertThatThrownBy(() -> policy(env, "inspect.canary.key", "env:SHORT"))
        .hasMessageStartingWith("inspect.canary.key: must be at least 32 bytes");
    assertThatThrownBy(() -> policy(env, "inspect.canary.key", Base64.getEncoder().encodeToString(new byte[32])))
        .hasMessage("inspect.canary.key: a secret must be a reference: env:NAME or file:/path");
  }
}
