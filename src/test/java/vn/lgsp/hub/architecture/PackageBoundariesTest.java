package vn.lgsp.hub.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

/**
 * The package structure is the architecture (docs/ARCHITECTURE.md); these rules keep it so.
 * Vocabulary (protocol, identity) at the bottom, the engine above the policy packages, connectors
 * above the engine, the sandbox beside everything and used by nobody.
 */
@AnalyzeClasses(packages = "vn.lgsp.hub", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageBoundariesTest {

  private static final String HUB = "vn.lgsp.hub.";

  @ArchTest
  static final ArchRule VOCABULARY_DEPENDS_ON_NO_OTHER_HUB_PACKAGE =
      noClasses()
          .that()
          .resideInAnyPackage(HUB + "protocol..", HUB + "identity..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              HUB + "access..", HUB + "audit..", HUB + "connectors..", HUB + "engine..",
              HUB + "security..", HUB + "ops..", HUB + "sandbox..", HUB + "embedded..", HUB + "directory..",
              HUB + "transparency..");

  @ArchTest
  static final ArchRule POLICIES_DO_NOT_KNOW_THE_ENGINE_OR_BACKENDS =
      noClasses()
          .that()
          .resideInAnyPackage(HUB + "access..", HUB + "audit..", HUB + "security..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              HUB + "engine..", HUB + "connectors..", HUB + "sandbox..", HUB + "ops..", HUB + "directory..",
              HUB + "transparency..");

  @ArchTest
  static final ArchRule ENGINE_DOES_NOT_KNOW_CONCRETE_BACKENDS =
      noClasses()
          .that()
          .resideInAPackage(HUB + "engine..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              HUB + "connectors..", HUB + "sandbox..", HUB + "ops..", HUB + "directory..", HUB + "transparency..");

  @ArchTest
  static final ArchRule CONNECTORS_STAY_OUT_OF_POLICY =
      noClasses()
          .that()
          .resideInAPackage(HUB + "connectors..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(HUB + "access..", HUB + "audit..", HUB + "security..", HUB + "sandbox..");

  @ArchTest
  static final ArchRule NOTHING_OUTSIDE_THE_SANDBOX_USES_IT =
      noClasses()
          .that()
          .resideOutsideOfPackage(HUB + "sandbox..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(HUB + "sandbox..");

  @ArchTest
  static final ArchRule NO_CYCLES =
      SlicesRuleDefinition.slices().matching(HUB + "(*)..").should().beFreeOfCycles();
}
