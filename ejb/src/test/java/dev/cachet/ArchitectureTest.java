package dev.cachet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md §1–3: the pure core packages import no container API, JPA entities stay inside the ejb
 * module's adapters ({@code dev.cachet.<capability>.ejb}), and no code makes its own threads (the
 * container would not know them).
 */
class ArchitectureTest {

  /** Bean and adapter packages; everything else under dev.cachet (in this module) is pure core. */
  private static final String BEANS = "dev.cachet..ejb..";

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.cachet");

  @Test
  void pureCorePackagesDoNotUseJakartaOrMicroProfile() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("dev.cachet..")
            .and()
            .resideOutsideOfPackages(BEANS, "dev.cachet.persistence..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "jakarta..", "javax.persistence..", "javax.ejb..", "org.eclipse.microprofile..")
            .because("pure core packages hold no container code (STYLE.md §1)");
    rule.check(CLASSES);
  }

  @Test
  void entitiesAreUsedOnlyByStorageAdapters() {
    ArchRule rule =
        noClasses()
            .that()
            .resideOutsideOfPackages(BEANS, "dev.cachet.persistence..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.cachet.persistence..")
            .because("entities never leave the ejb module's adapters (STYLE.md §3)");
    rule.check(CLASSES);
  }

  @Test
  void noCodeStartsThreadsOfItsOwn() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("dev.cachet..")
            .should()
            .callConstructorWhere(
                JavaConstructorCall.Predicates.target(
                    HasOwner.Predicates.With.owner(
                        JavaClass.Predicates.assignableTo(Thread.class))))
            .because(
                "threads come from a ThreadFactory: in the container, its managed thread factory");
    rule.check(CLASSES);
  }

  @Test
  void singletonsTakeTheContainersReadLock() {
    ArchRule rule =
        classes()
            .that()
            .areAnnotatedWith(jakarta.ejb.Singleton.class)
            .should()
            .beAnnotatedWith(lock("READ"))
            .because(
                "singletons hold signer state with container-managed locking; the core locks per"
                    + " key and per record (DESIGN.md)");
    rule.check(CLASSES);
  }

  @Test
  void everyWriteSectionBoundsItsWait() {
    ArchRule rule =
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods()
            .that()
            .areAnnotatedWith(lock("WRITE"))
            .should()
            .beAnnotatedWith(jakarta.ejb.AccessTimeout.class)
            .because(
                "a WRITE section makes readers wait: its @AccessTimeout bounds the wait, and its"
                    + " expiry answers 503 with Retry-After (issue 11)");
    rule.check(CLASSES);
  }

  /** {@code @Lock(type)}. */
  private static com.tngtech.archunit.base.DescribedPredicate<
          com.tngtech.archunit.core.domain.JavaAnnotation<?>>
      lock(String type) {
    return com.tngtech.archunit.base.DescribedPredicate.describe(
        "@Lock(" + type + ")",
        a ->
            a.getRawType().isEquivalentTo(jakarta.ejb.Lock.class)
                && a.get("value").map(v -> v.toString().endsWith(type)).orElse(false));
  }

  @Test
  void theRulesSeeTheCode() {
    // Guards against the rules passing vacuously because nothing was imported.
    org.assertj.core.api.Assertions.assertThat(CLASSES.contain("dev.cachet.blob.BlobStore"))
        .isTrue();
    org.assertj.core.api.Assertions.assertThat(CLASSES.contain("dev.cachet.blob.ejb.BlobStoreBean"))
        .isTrue();
  }
}
