package dev.cachet.web.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the edge refuses before any resource runs, and what it lets through. */
class EdgeRulesTest {

  private static Refusal refused(String method, String path, boolean hasBody) {
    Optional<Refusal> refusal = EdgeRules.refusal(method, path, hasBody);
    assertThat(refusal).as("%s %s", method, path).isPresent();
    return refusal.get();
  }

  @Test
  void refusesTraceEverywhere() {
    for (String path : new String[] {"/", "/api/v1/chain", "/health/live", "/metrics"}) {
      Refusal refusal = refused("TRACE", path, false);
      assertThat(refusal.status()).isEqualTo(405);
      assertThat(refusal.body().error()).isEqualTo("METHOD_NOT_ALLOWED");
    }
  }

  @Test
  void refusesABodyOnMethodsThatCarryNone() {
    for (String method : new String[] {"GET", "HEAD", "DELETE", "OPTIONS", "get"}) {
      Refusal refusal = refused(method, "/api/v1/chain", true);
      assertThat(refusal.status()).isEqualTo(400);
      assertThat(refusal.body().error()).isEqualTo("MALFORMED_REQUEST");
      assertThat(refusal.closeConnection()).isTrue();
    }
  }

  @Test
  void staticFilesTakeOnlyReadsAndSayWhich() {
    Refusal refusal = refused("DELETE", "/", false);
    assertThat(refusal.status()).isEqualTo(405);
    assertThat(refusal.allow()).contains("GET, HEAD, OPTIONS");
    refused("POST", "/index.html", true);
    refused("PUT", "/apix", true);
    assertThat(EdgeRules.refusal("GET", "/", false)).isEmpty();
    assertThat(EdgeRules.refusal("OPTIONS", "/nope", false)).isEmpty();
  }

  @Test
  void letsTheApiAndPayarasEndpointsAnswerTheirOwnMethods() {
    assertThat(EdgeRules.refusal("POST", "/api/v1/validators/1/attestations", true)).isEmpty();
    assertThat(EdgeRules.refusal("DELETE", "/api/v1/admin/keys/1/attestation", false)).isEmpty();
    assertThat(EdgeRules.refusal("PUT", "/api", true)).isEmpty();
    assertThat(EdgeRules.refusal("DELETE", "/health/live", false)).isEmpty();
    assertThat(EdgeRules.refusal("POST", "/metrics", false)).isEmpty();
    assertThat(EdgeRules.refusal("DELETE", "/openapi", false)).isEmpty();
    assertThat(EdgeRules.refusal("GET", "/api/v1/chain", false)).isEmpty();
  }
}
