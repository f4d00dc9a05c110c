package vn.lgsp.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The sandbox listens on loopback unless told otherwise; production where it is told. */
class SandboxLoopbackTest {

  private final SandboxLoopback loopback = new SandboxLoopback();

  @Test
  void theSandboxAloneBindsToLoopback() {
    MockEnvironment env = new MockEnvironment();
    env.setDefaultProfiles("sandbox");
    loopback.postProcessEnvironment(env, null);
    assertThat(env.getProperty("server.address")).isEqualTo("127.0.0.1");
  }

  @Test
  void anAddressSetAnywhereWins() {
    MockEnvironment env = new MockEnvironment();
    env.setActiveProfiles("sandbox");
    env.setProperty("server.address", "0.0.0.0");
    loopback.postProcessEnvironment(env, null);
    assertThat(env.getProperty("server.address")).isEqualTo("0.0.0.0");
  }

  @Test
  void productionIsNotTouched() {
    MockEnvironment env = new MockEnvironment();
    env.setActiveProfiles("prod", "sandbox");
    loopback.postProcessEnvironment(env, null);
    assertThat(env.getProperty("server.address")).isNull();
  }
}
