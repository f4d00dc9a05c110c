package vn.lgsp.hub.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;
import vn.lgsp.hub.LgspHubApplication;
import vn.lgsp.hub.support.TestDataDir;

/**
 * Outside the sandbox profile (anything but {@code sandbox} alone) the hub refuses sandbox secrets,
 * the sandbox registers, a missing hashing key and weak bcrypt hashes, naming the setting.
 */
class SecretsGuardTest {

  private final SecretsGuard guard = new SecretsGuard();

  private static MockEnvironment production() {
    MockEnvironment env = new MockEnvironment();
    env.setActiveProfiles("prod");
    env.setProperty("hub.audit.subject-hash-key", "k8s-secret-0f3a9c71d2e4b6a8");
    env.setProperty("hub.security.clients[0].secret", "7f2c1e9a-real-secret");
    return env;
  }

  @Test
  void productionWithItsOwnSecretsStarts() {
    assertThatCode(() -> guard.postProcessEnvironment(production(), null)).doesNotThrowAnyException();
  }

  @Test
  void aSandboxSecretIsRefusedOutsideTheSandboxWithoutShowingIt() {
    MockEnvironment env = production();
    env.setProperty("hub.security.operators[0].secret", "sandbox-operator");
    assertThatThrownBy(() -> guard.postProcessEnvironment(env, null))
        .hasMessageContaining("hub.security.operators[0].secret holds a sandbox secret")
        .hasMessageNotContaining("sandbox-operator");
  }

  @Test
  void theSandboxRegistersAndAMissingHashKeyAreRefused() {
    MockEnvironment env = production();
    env.setProperty("hub.sandbox.enabled", "true");
    env.setProperty("hub.audit.subject-hash-key", "");
    assertThatThrownBy(() -> guard.postProcessEnvironment(env, null))
        .hasMessageContaining("hub.sandbox.enabled is true")
        .hasMessageContaining("hub.audit.subject-hash-key (HUB_AUDIT_SUBJECTHASHKEY) is not set");
  }

  @Test
  void theSandboxProfileMayUseItsOwnCredentials() {
    MockEnvironment env = new MockEnvironment();
    env.setDefaultProfiles("sandbox");
    env.setProperty("hub.security.clients[0].secret", "sandbox-secret");
    assertThatCode(() -> guard.postProcessEnvironment(env, null)).doesNotThrowAnyException();
  }

  @Test
  void aRealStartInProductionWithASandboxSecretStopsAtOnce() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(LgspHubApplication.class).run(
        "--spring.profiles.active=prod", "--server.port=0", "--hub.data-dir=" + TestDataDir.create("prod-start"),
        "--hub.audit.subject-hash-key=a-production-hash-key-123", "--hub.secrets.vcb-signing-key=sandbox-secret-vcb"))
        .hasMessageContaining("lgsp-hub will not start outside the sandbox profile")
        .hasMessageContaining("hub.secrets.vcb-signing-key holds a sandbox secret");
  }

  /** What config/application-sandbox.yaml brings, as a second profile beside another would load it. */
  private static MockEnvironment withSandboxFile(String... active) {
    MockEnvironment env = new MockEnvironment();
    env.setActiveProfiles(active);
    env.setProperty("hub.sandbox.enabled", "true");
    env.setProperty("hub.audit.subject-hash-key", "sandbox-subject-hash-key-not-for-production");
    env.setProperty("hub.security.clients[0].secret",
        "{bcrypt}$2a$10$sandboxsandboxclient1eIxHCMTbAH83thVFNYhmEC4zScoBoAYi");
    return env;
  }

  @Test
  void theSandboxProfileAloneIsTheSandbox() {
    assertThatCode(() -> guard.postProcessEnvironment(withSandboxFile("sandbox"), null)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"prod,sandbox", "sandbox,other", "other,sandbox,sandbox"})
  void anyOtherProfileBesideTheSandboxMeansProductionRules(String profiles) {
    MockEnvironment env = withSandboxFile(profiles.split(","));
    assertThatThrownBy(() -> guard.postProcessEnvironment(env, null))
        .hasMessageContaining("lgsp-hub will not start outside the sandbox profile")
        .hasMessageContaining("hub.sandbox.enabled is true")
        .hasMessageContaining("hub.audit.subject-hash-key holds a sandbox secret")
        .hasMessageContaining("hub.security.clients[0].secret holds a sandbox secret")
        .hasMessageNotContaining("$2a$10$");
  }

  @Test
  void aDefaultProfileListWithMoreThanTheSandboxIsNotTheSandbox() {
    MockEnvironment env = new MockEnvironment();
    env.setDefaultProfiles("sandbox", "other");
    env.setProperty("hub.security.clients[0].secret", "sandbox-secret");
    assertThatThrownBy(() -> guard.postProcessEnvironment(env, null))
        .hasMessageContaining("hub.security.clients[0].secret holds a sandbox secret");
  }

  @Test
  void aBcryptHashOfLowCostIsRefusedOutsideTheSandbox() {
    MockEnvironment env = production();
    env.setProperty("hub.security.clients[0].secret", "{bcrypt}$2a$04$ABCDEFGHIJKLMNOPQRSTUuOr8zLBLPlO1.mfb2LhgsxErhFx7ltSe");
    env.setProperty("hub.security.operators[0].secret",
        "{bcrypt}$2a$10$ABCDEFGHIJKLMNOPQRSTUuOr8zLBLPlO1.mfb2LhgsxErhFx7ltSe");
    assertThatThrownBy(() -> guard.postProcessEnvironment(env, null))
        .hasMessageContaining("hub.security.clients[0].secret is a bcrypt hash of cost below 10")
        .hasMessageNotContaining("operators[0]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"prod,sandbox", "sandbox,other"})
  void aRealStartWithTheSandboxBesideAnotherProfileStopsAtOnce(String profiles) {
    assertThatThrownBy(() -> new SpringApplicationBuilder(LgspHubApplication.class).run(
        "--spring.profiles.active=" + profiles, "--server.port=0",
        "--hub.data-dir=" + TestDataDir.create("prod-sandbox-start")))
        .hasMessageContaining("lgsp-hub will not start outside the sandbox profile")
        .hasMessageContaining("hub.sandbox.enabled is true")
        .hasMessageContaining("hub.security.operators[0].secret holds a sandbox secret");
  }

  @Test
  void credentialsGivenAsEnvironmentVariablesAreCheckedToo() {
    MockEnvironment env = production();
    env.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        Map.of("HUB_SECURITY_OPERATORS_0_SECRET", "{bcrypt}$2a$04$ABCDEFGHIJKLMNOPQRSTUuOr8zLBLPlO1.mfb2LhgsxErhFx7ltSe",
            "HUB_SECURITY_OPERATORS_1_SECRET", "sandbox-operator")));
    ConfigurationPropertySources.attach(env);
    assertThatThrownBy(() -> guard.postProcessEnvironment(env, null))
        .hasMessageContaining("hub.security.operators[0].secret is a bcrypt hash of cost below 10")
        .hasMessageContaining("hub.security.operators[1].secret holds a sandbox secret");
  }
}
