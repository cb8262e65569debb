package dev.cachet.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md §1–3 across both modules: resources translate HTTP to bean calls and hold no business
 * logic, so they reach the node only through the beans and the core's public vocabulary (ids,
 * roles, hashes), never its internals (XMSS, FROST), storage (JPA, entities) or container services
 * (transactions, EJB, locks); the web module reaches storage only through beans; dependencies point
 * inward (the core never depends on the web module) and no two capabilities depend on each other in
 * a cycle.
 */
class WebArchitectureTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.cachet");

  @Test
  void resourcesDependOnlyOnBeansTheCoresVocabularyAndTheWebModule() {
    classes()
        .that()
        .areAnnotatedWith(Path.class)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java.lang..",
            "java.util..",
            "java.io..",
            "java.net..",
            "java.time..",
            "jakarta.ws.rs..",
            "jakarta.inject..",
            "jakarta.enterprise.context..",
            "org.eclipse.microprofile.openapi.annotations..",
            "dev.cachet.web..",
            "dev.cachet.*.ejb..",
            "dev.cachet.*.wire..",
            "dev.cachet.*")
        .because("a resource translates between HTTP and the beans (STYLE.md §1)")
        .check(CLASSES);
  }

  @Test
  void resourcesDoNotTouchCoreInternals() {
    noClasses()
        .that()
        .areAnnotatedWith(Path.class)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.cachet.xmss..", "dev.cachet.frost..", "dev.cachet.persistence..")
        .because("signing schemes and storage are the beans' business, not HTTP's (STYLE.md §1)")
        .check(CLASSES);
  }

  @Test
  void theWebModuleReachesStorageOnlyThroughBeans() {
    noClasses()
        .that()
        .resideInAPackage("dev.cachet.web..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.cachet.persistence..", "jakarta.persistence..", "jakarta.transaction..")
        .because("entities never cross into the web module (STYLE.md §3)")
        .check(CLASSES);
  }

  @Test
  void theCoreDoesNotDependOnTheWebModule() {
    noClasses()
        .that()
        .resideInAPackage("dev.cachet..")
        .and()
        .resideOutsideOfPackage("dev.cachet.web..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.cachet.web..")
        .because("dependencies point inward: web -> beans -> core (STYLE.md §2)")
        .check(CLASSES);
  }

  @Test
  void capabilitiesAreFreeOfCycles() {
    slices().matching("dev.cachet.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void thePartsOfTheWebModuleAreFreeOfCycles() {
    slices().matching("dev.cachet.web.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void theRulesSeeBothModules() {
    // Guards against the rules passing vacuously because nothing was imported.
    assertThat(CLASSES.contain("dev.cachet.web.keys.KeyResource")).isTrue();
    assertThat(CLASSES.contain("dev.cachet.keys.ejb.KeyManagerBean")).isTrue();
    assertThat(CLASSES.contain("dev.cachet.persistence.BlobEntity")).isTrue();
  }
}
