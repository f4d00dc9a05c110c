package vn.lgsp.hub.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of end-to-end tests that change access rights on the sandbox hub that all such tests share: after each
 * test, the rights it found are put back (as a new version), so the next test class sees the configuration's.
 */
public abstract class RightsChangingHubTest extends SandboxHubTest {

  private long rightsBefore;

  @BeforeEach
  void rememberRights() {
    rightsBefore = hub.rightsVersion();
  }

  @AfterEach
  void restoreRights() {
    hub.restoreRights(rightsBefore);
  }
}
