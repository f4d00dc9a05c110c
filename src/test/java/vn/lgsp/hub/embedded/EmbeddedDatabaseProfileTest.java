package vn.lgsp.hub.embedded;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.env.MockEnvironment;

/** The embedded database starts for the sandbox profile alone; any other profile set is production. */
class EmbeddedDatabaseProfileTest {

  @ParameterizedTest
  @ValueSource(strings = {"prod", "prod,sandbox", "sandbox,other", "other"})
  void refusedOutsideTheSandboxAlone(String profiles) {
    MockEnvironment env = new MockEnvironment();
    env.setActiveProfiles(profiles.split(","));
    assertThatThrownBy(() -> EmbeddedDatabaseConfiguration.refuseOutsideTheSandbox(env))
        .hasMessageContaining("will not start the embedded database outside the sandbox profile");
  }

  @ParameterizedTest
  @ValueSource(strings = {"active", "default"})
  void startsForTheSandboxAlone(String how) {
    MockEnvironment env = new MockEnvironment();
    if (how.equals("active")) {
      env.setActiveProfiles("sandbox");
    } else {
      env.setDefaultProfiles("sandbox");
    }
    assertThatCode(() -> EmbeddedDatabaseConfiguration.refuseOutsideTheSandbox(env)).doesNotThrowAnyException();
  }
}
