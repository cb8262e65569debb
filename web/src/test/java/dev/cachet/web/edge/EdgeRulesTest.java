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
  void theStatusPageAndItsFilesRunOnlyTheirOwnScriptsAndReadOnlyThisNode() {
    for (String path : new String[] {"/", "/index.html", "/status/main.js", "/status/x.css"}) {
      assertThat(EdgeRules.headers(path)).as(path).isEqualTo(EdgeRules.STATIC_HEADERS);
    }
    String policy = EdgeRules.STATIC_HEADERS.get("Content-Security-Policy");
    assertThat(policy)
        .contains("default-src 'none'")
        .contains("script-src 'self'")
        .contains("connect-src 'self'")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe");
    assertThat(EdgeRules.STATIC_HEADERS).containsEntry("X-Content-Type-Options", "nosniff");
    for (String path : new String[] {"/api/v1/keys", "/health/ready", "/metrics", "/openapi"}) {
      assertThat(EdgeRules.headers(path)).as(path).isEmpty();
    }
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

  @Test
  void thePeerListenerServesOnlyThePeerApiAndThePublicReadsPeersNeed() {
    for (String[] allowed :
        new String[][] {
          {"POST", "/api/v1/peer/metadata/announcements"},
          {"GET", "/api/v1/blobs/0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"},
          {"HEAD", "/api/v1/blobs/abc"},
          {"GET", "/api/v1/committees/current"},
          {"GET", "/api/v1/metadata/3"},
          {"get", "/api/v1/handoff/certificates/3"},
        }) {
      assertThat(EdgeRules.peerListenerRefusal(allowed[0], allowed[1]))
          .as("%s %s", allowed[0], allowed[1])
          .isEmpty();
    }
    for (String[] refused :
        new String[][] {
          {"POST", "/api/v1/validators/1/attestations"},
          {"PUT", "/api/v1/admin/committees/3"},
          {"GET", "/api/v1/admin/node"},
          {"PUT", "/api/v1/blobs"},
          {"PUT", "/api/v1/blobs/abc"},
          {"GET", "/api/v1/keys/1/attestation"},
          {"GET", "/api/v1/chain"},
          {"GET", "/metrics"},
          {"GET", "/api/v1/peerless"},
          {"GET", "/"},
        }) {
      Optional<Refusal> refusal = EdgeRules.peerListenerRefusal(refused[0], refused[1]);
      assertThat(refusal).as("%s %s", refused[0], refused[1]).isPresent();
      assertThat(refusal.get().status()).isEqualTo(404);
      assertThat(refusal.get().body().error()).isEqualTo("NOT_FOUND");
    }
  }
}
