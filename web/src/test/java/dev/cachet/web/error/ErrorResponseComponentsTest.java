package dev.cachet.web.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.junit.jupiter.api.Test;

/**
 * Every error answer a resource documents is one of the response components, by a name that exists:
 * a typo would leave a dangling {@code $ref}, an inline error body would be the repetition the
 * components replace (and would miss the database's 503).
 */
class ErrorResponseComponentsTest {

  private static List<Method> operations() {
    List<Method> operations = new ArrayList<>();
    for (JavaClass type :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.cachet.web")) {
      if (type.isAnnotatedWith(Path.class)) {
        for (Method method : type.reflect().getDeclaredMethods()) {
          if (method.getAnnotationsByType(APIResponse.class).length > 0) {
            operations.add(method);
          }
        }
      }
    }
    return operations;
  }

  @Test
  void everyDocumentedErrorRefersToAComponentThatExists() {
    List<Method> operations = operations();
    assertThat(operations).hasSizeGreaterThan(10);
    for (Method operation : operations) {
      for (APIResponse response : operation.getAnnotationsByType(APIResponse.class)) {
        boolean error = response.responseCode().matches("[45]\\d\\d");
        if (error && !operation.isAnnotationPresent(HEAD.class)) {
          assertThat(response.ref())
              .as("%s %s", operation, response.responseCode())
              .isIn(ErrorResponseComponents.RESPONSES.keySet());
        }
        if (response.responseCode().equals("503")) { // the filter adds no second 503
          assertThat(ErrorResponseComponents.RESPONSES.get(response.ref()))
              .contains("DATABASE_UNAVAILABLE");
        }
      }
    }
  }
}
