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
  static final ArchRule vocabularyDependsOnNoOtherHubPackage =
      noClasses()
          .that()
          .resideInAnyPackage(HUB + "protocol..", HUB + "identity..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              HUB + "access..", HUB + "audit..", HUB + "connectors..", HUB + "engine..",
              HUB + "security..", HUB + "ops..", HUB + "sandbox..", HUB + "embedded..");

  @ArchTest
  static final ArchRule policiesDoNotKnowTheEngineOrBackends =
      noClasses()
          .that()
          .resideInAnyPackage(HUB + "access..", HUB + "audit..", HUB + "security..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(HUB + "engine..", HUB + "connectors..", HUB + "sandbox..", HUB + "ops..");

  @ArchTest
  static final ArchRule engineDoesNotKnowConcreteBackends =
      noClasses()
          .that()
          .resideInAPackage(HUB + "engine..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(HUB + "connectors..", HUB + "sandbox..", HUB + "ops..");

  @ArchTest
  static final ArchRule connectorsStayOutOfPolicy =
      noClasses()
          .that()
          .resideInAPackage(HUB + "connectors..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(HUB + "access..", HUB + "audit..", HUB + "security..", HUB + "sandbox..");

  @ArchTest
  static final ArchRule nothingOutsideTheSandboxUsesIt =
      noClasses()
          .that()
          .resideOutsideOfPackage(HUB + "sandbox..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(HUB + "sandbox..");

  @ArchTest
  static final ArchRule noCycles =
      SlicesRuleDefinition.slices().matching(HUB + "(*)..").should().beFreeOfCycles();
}
