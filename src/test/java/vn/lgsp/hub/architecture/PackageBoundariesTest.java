package vn.lgsp.hub.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import jakarta.xml.soap.SOAPFactory;
import jakarta.xml.soap.SOAPFault;
import java.util.Locale;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapFault;
import vn.lgsp.hub.audit.AuditProperties;
import vn.lgsp.hub.audit.WitnessProperties;
import vn.lgsp.hub.protocol.Problem;
import vn.lgsp.hub.protocol.ProblemAnswers;

/**
 * The package structure is the architecture (docs/ARCHITECTURE.md, "Rooms"); these rules keep it
 * so. Top down: fronts, edge, features, engine, catalogue, connectors, per-exchange state,
 * policies, vocabulary; a room uses only the rooms below it. The sandbox is beside everything and
 * used by nobody.
 */
@AnalyzeClasses(packages = "vn.lgsp.hub", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageBoundariesTest {

  private static final String HUB = "vn.lgsp.hub.";
  private static final String AUDIT = HUB + "audit";

  @ArchTest
  static final ArchRule ROOMS_READ_TOP_DOWN =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("Fronts").definedBy(HUB + "soapfront..")
          .layer("Edge").definedBy(HUB + "edge..")
          .layer("Features").definedBy(HUB + "directory..", HUB + "transparency..", HUB + "ops..", HUB + "composite..",
              HUB + "rights..", HUB + "publishing..", HUB + "batch..", HUB + "events..")
          .layer("Engine").definedBy(HUB + "engine..")
          .layer("Catalogue").definedBy(HUB + "catalog..")
          .layer("Connectors").definedBy(HUB + "connectors..")
          .layer("Exchange").definedBy(HUB + "exchange..")
          .layer("Policies").definedBy(HUB + "security..", HUB + "access..", HUB + "audit..")
          .layer("Vocabulary").definedBy(HUB + "protocol..", HUB + "identity..")
          .whereLayer("Fronts").mayNotBeAccessedByAnyLayer()
          .whereLayer("Edge").mayOnlyBeAccessedByLayers("Fronts")
          .whereLayer("Features").mayOnlyBeAccessedByLayers("Fronts", "Edge")
          .whereLayer("Engine").mayOnlyBeAccessedByLayers("Fronts", "Edge", "Features")
          .whereLayer("Catalogue").mayOnlyBeAccessedByLayers("Fronts", "Edge", "Features", "Engine")
          .whereLayer("Connectors").mayOnlyBeAccessedByLayers("Fronts", "Edge", "Features", "Engine", "Catalogue")
          .whereLayer("Exchange")
          .mayOnlyBeAccessedByLayers("Fronts", "Edge", "Features", "Engine", "Catalogue", "Connectors")
          .whereLayer("Policies")
          .mayOnlyBeAccessedByLayers("Fronts", "Edge", "Features", "Engine", "Catalogue", "Connectors", "Exchange")
          // the composite calls the hub's own front door, as the SOAP front does: through the edge's loopback client
          .ignoreDependency(resideInAPackage(HUB + "composite.."), simpleName("LoopbackClient"))
          // and so do a batch job's items
          .ignoreDependency(resideInAPackage(HUB + "batch.."), simpleName("LoopbackClient"));

  /**
   * The audit room's sub-rooms read bottom up: its settings, the record, the chain; then pipeline,
   * payload and query beside each other (none uses another); the files; the verification. The
   * room's top package holds the settings, which every sub-room reads, and the wiring of the whole
   * room, which no sub-room uses.
   */
  @ArchTest
  static final ArchRule AUDIT_SUB_ROOMS_READ_BOTTOM_UP =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("wiring").definedBy(resideInAPackage(AUDIT).and(not(belongToAnyOf(AuditProperties.class, WitnessProperties.class))))
          .layer("verification").definedBy(AUDIT + ".verification..")
          .layer("files").definedBy(AUDIT + ".files..")
          .layer("pipeline").definedBy(AUDIT + ".pipeline..")
          .layer("payload").definedBy(AUDIT + ".payload..")
          .layer("query").definedBy(AUDIT + ".query..")
          .layer("chain").definedBy(AUDIT + ".chain..")
          .layer("record").definedBy(AUDIT + ".record..")
          .layer("settings").definedBy(belongToAnyOf(AuditProperties.class, WitnessProperties.class))
          .whereLayer("wiring").mayNotBeAccessedByAnyLayer()
          .whereLayer("verification").mayOnlyBeAccessedByLayers("wiring")
          .whereLayer("files").mayOnlyBeAccessedByLayers("wiring", "verification")
          .whereLayer("pipeline").mayOnlyBeAccessedByLayers("wiring", "verification", "files")
          .whereLayer("payload").mayOnlyBeAccessedByLayers("wiring", "verification", "files")
          .whereLayer("query").mayOnlyBeAccessedByLayers("wiring", "verification", "files")
          .whereLayer("chain")
          .mayOnlyBeAccessedByLayers("wiring", "verification", "files", "pipeline", "payload", "query")
          .whereLayer("record")
          .mayOnlyBeAccessedByLayers("wiring", "verification", "files", "pipeline", "payload", "query", "chain");

  @ArchTest
  static final ArchRule AUDIT_SUB_ROOMS_HAVE_NO_CYCLES =
      SlicesRuleDefinition.slices().matching(AUDIT + ".(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule CONNECTORS_NEVER_IMPORT_ENGINE =
      noClasses()
          .that()
          .resideInAPackage(HUB + "connectors..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(HUB + "engine..", HUB + "edge..", HUB + "catalog..");

  @ArchTest
  static final ArchRule PER_EXCHANGE_STATE_KNOWS_NO_ROOM_ABOVE_IT =
      noClasses()
          .that()
          .resideInAPackage(HUB + "exchange..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              HUB + "engine..", HUB + "edge..", HUB + "catalog..", HUB + "connectors..", HUB + "ops..",
              HUB + "directory..", HUB + "transparency..", HUB + "composite..", HUB + "soapfront..", HUB + "rights..",
              HUB + "publishing..", HUB + "batch..", HUB + "events..");

  @ArchTest
  static final ArchRule VOCABULARY_DEPENDS_ON_NO_OTHER_HUB_PACKAGE =
      noClasses()
          .that()
          .resideInAnyPackage(HUB + "protocol..", HUB + "identity..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              HUB + "access..", HUB + "audit..", HUB + "connectors..", HUB + "engine..", HUB + "edge..",
              HUB + "exchange..", HUB + "catalog..", HUB + "security..", HUB + "ops..", HUB + "sandbox..",
              HUB + "embedded..", HUB + "directory..", HUB + "transparency..", HUB + "composite..",
              HUB + "soapfront..", HUB + "rights..",
              HUB + "publishing..", HUB + "batch..", HUB + "events..");

  @ArchTest
  static final ArchRule POLICIES_DO_NOT_KNOW_THE_ENGINE_OR_BACKENDS =
      noClasses()
          .that()
          .resideInAnyPackage(HUB + "access..", HUB + "audit..", HUB + "security..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              HUB + "engine..", HUB + "edge..", HUB + "exchange..", HUB + "catalog..", HUB + "connectors..",
              HUB + "sandbox..", HUB + "ops..", HUB + "directory..", HUB + "transparency..",
              HUB + "composite..", HUB + "soapfront..", HUB + "rights..",
              HUB + "publishing..", HUB + "batch..", HUB + "events..");

  @ArchTest
  static final ArchRule ENGINE_DOES_NOT_KNOW_THE_EDGE_OR_CONCRETE_BACKENDS =
      noClasses()
          .that()
          .resideInAPackage(HUB + "engine..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              HUB + "edge..", HUB + "connectors..", HUB + "sandbox..", HUB + "ops..", HUB + "directory..",
              HUB + "transparency..", HUB + "composite..", HUB + "soapfront..", HUB + "batch..", HUB + "events..");

  @ArchTest
  static final ArchRule CONNECTORS_STAY_OUT_OF_POLICY =
      noClasses()
          .that()
          .resideInAPackage(HUB + "connectors..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(HUB + "access..", HUB + "audit..", HUB + "security..", HUB + "sandbox..");

  /**
   * One writer of problems (edge.ProblemWriter): no class outside the edge builds a problem body
   * or a SOAP fault. Rooms below the edge name the type and the detail and ask the writer through
   * protocol.ProblemAnswers.
   */
  @ArchTest
  static final ArchRule ONLY_THE_EDGE_WRITES_PROBLEM_BODIES =
      noClasses()
          .that()
          .resideOutsideOfPackage(HUB + "edge..")
          .should()
          .callConstructor(Problem.class, String.class, String.class, int.class, String.class, String.class)
          .orShould()
          .callMethod(SOAPFactory.class, "createFault")
          .orShould()
          .callMethod(SOAPFactory.class, "createFault", String.class, QName.class)
          .orShould()
          .callMethod(SOAPFault.class, "setFaultString", String.class)
          .orShould()
          .callMethod(SOAPFault.class, "setFaultString", String.class, Locale.class)
          .orShould()
          .callConstructor(SoapFault.class, String.class, QName.class)
          .because("problem+json and SOAP faults are written once, in the caller's language, by edge.ProblemWriter");

  @ArchTest
  static final ArchRule THE_EDGE_ANSWERS_FOR_THE_ROOMS_BELOW =
      classes()
          .that()
          .implement(ProblemAnswers.class)
          .should()
          .resideInAPackage(HUB + "edge..");

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
