package vn.lgsp.hub.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.protocol.Problem;

/** The one-writer rule can fail: a class outside the edge that builds a problem body breaks it. */
class ProblemWriterRuleTest {

  /** Stands for a room below the edge writing its own problem (this test's package is not the edge). */
  static final class OwnProblemWriter {
    Problem write() {
      return new Problem("Client.InvalidRequest", "The request is not valid", 400, null, null);
    }
  }

  @Test
  void aProblemBuiltOutsideTheEdgeBreaksTheRule() {
    JavaClasses offender = new ClassFileImporter().importClasses(OwnProblemWriter.class);
    assertThat(PackageBoundariesTest.ONLY_THE_EDGE_WRITES_PROBLEM_BODIES.evaluate(offender).hasViolation()).isTrue();
  }
}
