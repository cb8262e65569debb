package dev.cachet.it.server;

import static dev.cachet.it.BlobApiChecks.isError;
import static dev.cachet.it.BlobApiChecks.servesBack;
import static dev.cachet.it.BlobApiChecks.storesNew;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.it.Blake2b;
import dev.cachet.it.Http;
import dev.cachet.it.Json;
import dev.cachet.it.StatusPageChecks;
import java.io.File;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The built cachet.ear (cachet-ejb.jar, skinny cachet-web.war, lib/) on a managed Payara Server:
 * proves the packaging for full servers by exercising the blob API, the error mapping (application
 * exceptions across the module boundary), the admin token and readiness through it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EarOnPayaraServerIT {

  @ArquillianResource private URL deploymentUrl;

  private Http http;

  @Deployment(testable = false)
  static EnterpriseArchive node() {
    return ShrinkWrap.createFromZipFile(
        EnterpriseArchive.class, new File(System.getProperty("cachet.ear")));
  }

  @BeforeEach
  void client() throws Exception {
    http = new Http(new URL(deploymentUrl, "/"));
  }

  @Test
  void storesAndServesBlobs() {
    for (byte[] bytes :
        new byte[][] {new byte[0], "metadata on a full server".getBytes(StandardCharsets.UTF_8)}) {
      String hash = storesNew(http, bytes);
      servesBack(http, hash, bytes);
      assertThat(http.putBytes("api/v1/blobs", bytes).statusCode()).isEqualTo(200);
    }
    assertThat(http.get("api/v1/blobs?limit=10").statusCode()).isEqualTo(200);
  }

  @Test
  void mapsCoreErrorsToTheirStatusAndCode() {
    byte[] bytes = "pushed".getBytes(StandardCharsets.UTF_8);
    isError(
        http.putBytes("api/v1/blobs/" + Blake2b.hex(new byte[] {1}), bytes), 400, "HASH_MISMATCH");
    isError(http.get("api/v1/blobs/" + Blake2b.hex(bytes)), 404, "BLOB_NOT_FOUND");
    isError(http.get("api/v1/blobs/not-a-hash"), 400, "INVALID_HASH");
    isError(http.get("api/v1/blobs?limit=0"), 400, "INVALID_LIMIT");
  }

  @Test
  void guardsAdminEndpoints() throws Exception {
    isError(http.get("api/v1/admin/node"), 401, "UNAUTHORIZED");
    String token =
        Files.readString(Path.of(System.getProperty("cachet.data-dir"), "admin.token")).strip();
    HttpResponse<byte[]> node =
        http.send(
            http.request("api/v1/admin/node").header("Authorization", "Bearer " + token).build());
    assertThat(node.statusCode()).as(Http.text(node)).isEqualTo(200);
    // The vault runs in the EJB module on the embedded default key (a generated owner-only file).
    assertThat(Json.object(node).getString("identityKey")).matches("[0-9a-f]{64}");
    assertThat(Path.of(System.getProperty("cachet.data-dir"), "state.key")).exists();
    HttpResponse<byte[]> state =
        http.send(
            http.request("api/v1/admin/state").header("Authorization", "Bearer " + token).build());
    assertThat(Http.text(state)).contains("node/identity").contains("\"provider\":\"file\"");
  }

  @Test
  void servesTheStatusPageAtTheRootWithItsModulesAsJavaScript() {
    StatusPageChecks.servesTheStatusPage(http);
  }

  @Test
  void isReady() {
    HttpResponse<byte[]> ready = http.get("health/ready");
    assertThat(ready.statusCode()).as(Http.text(ready)).isEqualTo(200);
    assertThat(Http.text(ready)).contains("UP");
  }
}
