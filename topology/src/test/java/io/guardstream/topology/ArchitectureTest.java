package io.guardstream.topology;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The layering STYLE.md promises, checked: detectors are plain Java, the topology knows no edge. */
class ArchitectureTest {

  // this module's own classes only: the test classpath also holds the connectors, for the ITs
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPath(Path.of("target/classes"));

  @Test
  void shouldKeepDetectorsFreeOfKafka() {
    noClasses().that().resideInAnyPackage("io.guardstream.inspect.pii..", "io.guardstream.inspect.injection..",
            "io.guardstream.inspect.masking..")
        .or().haveSimpleNameEndingWith("Detector").or().haveSimpleNameEndingWith("Scanner")
        .or().haveSimpleName("Authenticator").or().haveSimpleName("JwtVerifier").or().haveSimpleName("Authorizer")
        .or().haveSimpleName("OutputFilter").or().haveSimpleName("PromptInspector")
        .or().haveSimpleName("SlidingWindowLimiter").or().haveSimpleName("AuthFailureBurstRule")
        .or().haveSimpleName("SystemPromptLeakRule").or().haveSimpleName("TokenEstimator").or().haveSimpleName("PriceTable")
        .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..")
        .check(MAIN);
  }

  @Test
  void shouldKeepTheTopologyFreeOfTheConnectors() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("io.guardstream.worker..", "io.guardstream.gateway..",
        "io.guardstream.connect..").check(MAIN);
  }
}
