package dev.cachet.it.micro;

import static dev.cachet.it.BlobApiChecks.isError;
import static dev.cachet.it.BlobApiChecks.servesBack;
import static dev.cachet.it.BlobApiChecks.storesNew;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.it.Blake2b;
import dev.cachet.it.Http;
import dev.cachet.it.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The built cachet.war on Payara Micro, spoken to over real HTTP. One class, so one Micro JVM, for
 * the whole foundation: blob API, errors, admin token, health, metrics, OpenAPI, and the state
 * vault on the {@code command} key provider (a KMS stand-in that prints {@code
 * <cachet.data-dir>/kms/current.key}; see the pom).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NodeOnPayaraMicroIT {

  private static final int MAX_SIZE = 16 * 1024 * 1024;
  private static final String BLOBS = "api/v1/blobs";

  @ArquillianResource private URL deploymentUrl;

  private Http http;
  private Random random;

  @Deployment(testable = false)
  static WebArchive node() {
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("cachet.war")));
  }

  @BeforeEach
  void client(TestInfo test) throws Exception {
    // Seeded per test: deterministic, yet no two tests store the same bytes by accident.
    random = new Random(test.getDisplayName().hashCode());
    // The WAR's context root is "/" (payara-web.xml): the API lives at the server's root.
    http = new Http(new URL(deploymentUrl, "/"));
  }

  private byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }

  @Test
  void roundTripsEmptySmallAndEightMebibyteBlobs() {
    for (byte[] bytes : List.of(new byte[0], randomBytes(1000), randomBytes(8 * 1024 * 1024))) {
      String hash = storesNew(http, bytes);
      servesBack(http, hash, bytes);

      HttpResponse<byte[]> again = http.putBytes(BLOBS, bytes);
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(Json.object(again).getString("hash")).isEqualTo(hash);

      HttpResponse<byte[]> head = http.head(BLOBS + "/" + hash);
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
      assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(bytes.length);
      assertThat(head.headers().firstValue("ETag")).contains("\"" + hash + "\"");
    }
  }

  @Test
  void answersIfNoneMatchWithNotModified() {
    byte[] bytes = randomBytes(64);
    String hash = storesNew(http, bytes);
    HttpResponse<byte[]> response =
        http.send(
            http.request(BLOBS + "/" + hash).header("If-None-Match", "\"" + hash + "\"").build());
    assertThat(response.statusCode()).isEqualTo(304);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void storesAPushedBlobUnderItsKnownHash() {
    byte[] bytes = randomBytes(500);
    String hash = Blake2b.hex(bytes);
    HttpResponse<byte[]> put = http.putBytes(BLOBS + "/" + hash, bytes);
    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(http.putBytes(BLOBS + "/" + hash, bytes).statusCode()).isEqualTo(200);
    servesBack(http, hash, bytes);
  }

  @Test
  void refusesAPushWhoseBytesHashElsewhereAndStoresNothing() {
    byte[] bytes = randomBytes(500);
    String claimed = Blake2b.hex(randomBytes(10));
    isError(http.putBytes(BLOBS + "/" + claimed, bytes), 400, "HASH_MISMATCH");
    isError(http.get(BLOBS + "/" + Blake2b.hex(bytes)), 404, "BLOB_NOT_FOUND");
    isError(http.get(BLOBS + "/" + claimed), 404, "BLOB_NOT_FOUND");
  }

  @Test
  void refusesHashesThatAreNotSixtyFourLowercaseHex() {
    String upper = Blake2b.hex(new byte[0]).toUpperCase();
    for (String bad : List.of("abc", upper, "z".repeat(64), "0".repeat(65))) {
      isError(http.get(BLOBS + "/" + bad), 400, "INVALID_HASH");
      isError(http.putBytes(BLOBS + "/" + bad, new byte[0]), 400, "INVALID_HASH");
      assertThat(http.head(BLOBS + "/" + bad).statusCode()).isEqualTo(400);
    }
    isError(http.get(BLOBS + "?after=xyz"), 400, "INVALID_HASH");
  }

  @Test
  void reportsUnknownBlobs() {
    String unknown = Blake2b.hex("never stored".getBytes());
    isError(http.get(BLOBS + "/" + unknown), 404, "BLOB_NOT_FOUND");
    assertThat(http.head(BLOBS + "/" + unknown).statusCode()).isEqualTo(404);
  }

  @Test
  void refusesABodyOneByteOverTheLimitWithAndWithoutContentLength() {
    byte[] tooLarge = randomBytes(MAX_SIZE + 1);
    String hash = Blake2b.hex(tooLarge);
    isError(http.putBytes(BLOBS, tooLarge), 413, "BLOB_TOO_LARGE");
    isError(http.putChunked(BLOBS, tooLarge), 413, "BLOB_TOO_LARGE");
    isError(http.putChunked(BLOBS + "/" + hash, tooLarge), 413, "BLOB_TOO_LARGE");
    isError(http.get(BLOBS + "/" + hash), 404, "BLOB_NOT_FOUND");
  }

  @Test
  void acceptsABodyOfExactlyTheLimitWithoutContentLength() {
    byte[] max = randomBytes(MAX_SIZE);
    HttpResponse<byte[]> put = http.putChunked(BLOBS, max);
    assertThat(put.statusCode()).as(Http.text(put)).isEqualTo(201);
    servesBack(http, Blake2b.hex(max), max);
  }

  @Test
  void twentyConcurrentIdenticalPutsAllSucceedAndStoreOneBlob() throws Exception {
    byte[] bytes = randomBytes(4096);
    String hash = Blake2b.hex(bytes);
    int clients = 20;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<HttpResponse<byte[]>>> puts = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        puts.add(
            pool.submit(
                () -> {
                  start.await();
                  return http.putBytes(BLOBS, bytes);
                }));
      }
      start.countDown();
      int created = 0;
      for (Future<HttpResponse<byte[]>> put : puts) {
        HttpResponse<byte[]> response = put.get(60, TimeUnit.SECONDS);
        assertThat(response.statusCode()).as(Http.text(response)).isIn(200, 201);
        assertThat(Json.object(response).getString("hash")).isEqualTo(hash);
        created += response.statusCode() == 201 ? 1 : 0;
      }
      assertThat(created).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(listAllHashes()).containsOnlyOnce(hash);
    servesBack(http, hash, bytes);
  }

  @Test
  void listsStoredBlobsInHashOrderPageByPage() {
    List<String> mine = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      byte[] bytes = randomBytes(100 + i);
      mine.add(storesNew(http, bytes));
    }
    List<String> all = listAllHashes();
    assertThat(all).isSorted().doesNotHaveDuplicates().containsAll(mine);

    JsonObject first = Json.object(http.get(BLOBS + "?limit=1"));
    JsonObject entry = first.getJsonArray("blobs").getJsonObject(0);
    assertThat(entry.getString("hash")).isEqualTo(all.get(0));
    assertThat(entry.getJsonNumber("size").longValue()).isNotNegative();
    assertThat(entry.getString("storedAt")).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
  }

  @Test
  void refusesPageSizesOutsideOneToOneThousand() {
    for (String limit : List.of("0", "1001", "-1", "many")) {
      isError(http.get(BLOBS + "?limit=" + limit), 400, "INVALID_LIMIT");
    }
    assertThat(http.get(BLOBS + "?limit=1000").statusCode()).isEqualTo(200);
  }

  private List<String> listAllHashes() {
    List<String> hashes = new ArrayList<>();
    String after = null;
    do {
      HttpResponse<byte[]> page =
          http.get(BLOBS + "?limit=3" + (after == null ? "" : "&after=" + after));
      assertThat(page.statusCode()).isEqualTo(200);
      JsonObject body = Json.object(page);
      body.getJsonArray("blobs").forEach(b -> hashes.add(b.asJsonObject().getString("hash")));
      after = body.containsKey("next") && !body.isNull("next") ? body.getString("next") : null;
    } while (after != null);
    return hashes;
  }

  @Test
  void answersRuntimeRefusalsAsJsonErrors() {
    isError(http.get("api/v1/no-such-thing"), 404, "NOT_FOUND");
    isError(http.send(http.request(BLOBS).DELETE().build()), 405, "METHOD_NOT_ALLOWED");
    isError(
        http.send(
            http.request(BLOBS)
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("hello"))
                .build()),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void keepsTheDataDirectoryAndItsStorageFilesFromOtherUsers() throws Exception {
    Path dataDir = Path.of(System.getProperty("cachet.data-dir"));
    // The pom made the directory with the default umask: the node tightened it at start.
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)))
        .isEqualTo("rwx------");
    Path highWater = dataDir.resolve("state.hwm");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Files.exists(highWater) && System.nanoTime() < deadline) {
      Thread.sleep(100); // the marks trail the node identity's commit by at most a second
    }
    for (Path file : List.of(dataDir.resolve("cachet.mv.db"), highWater)) {
      assertThat(Files.getPosixFilePermissions(file))
          .as(file.toString())
          .doesNotContain(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
    }
  }

  @Test
  void guardsAdminEndpointsWithTheGeneratedBearerToken() throws Exception {
    Path tokenFile = Path.of(System.getProperty("cachet.data-dir"), "admin.token");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)))
        .isEqualTo("rw-------");
    String token = Files.readString(tokenFile).strip();

    isError(http.get("api/v1/admin/node"), 401, "UNAUTHORIZED");
    HttpResponse<byte[]> wrong =
        http.send(
            http.request("api/v1/admin/node")
                .header("Authorization", "Bearer " + token + "0")
                .build());
    isError(wrong, 401, "UNAUTHORIZED");
    assertThat(wrong.headers().firstValue("WWW-Authenticate")).isPresent();
    isError(
        http.send(
            http.request("api/v1/admin/node").header("Authorization", "Basic " + token).build()),
        401,
        "UNAUTHORIZED");

    HttpResponse<byte[]> right =
        http.send(
            http.request("api/v1/admin/node").header("Authorization", "Bearer " + token).build());
    assertThat(right.statusCode()).isEqualTo(200);
    JsonObject status = Json.object(right);
    assertThat(status.getString("database")).startsWith("H2");
    assertThat(status.getJsonObject("blobs").getJsonNumber("count").longValue()).isNotNegative();
  }

  @Test
  void isReadyWhenTheDatabaseAnswers() {
    HttpResponse<byte[]> ready = http.get("health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(Http.text(ready)).contains("\"database\"").contains("UP");
    assertThat(http.get("health/live").statusCode()).isEqualTo(200);
  }

  @Test
  void exposesBlobMetrics() {
    byte[] bytes = randomBytes(10);
    String hash = storesNew(http, bytes);
    http.get(BLOBS + "/" + hash);
    String metrics = Http.text(http.get("metrics"));
    assertThat(metrics)
        .contains("cachet_blob_count")
        .contains("cachet_blob_stored_bytes")
        .contains("cachet_blob_cache_size_bytes")
        .contains("cachet_blob_cache_hits")
        .contains("cachet_blob_cache_misses")
        .contains("cachet_blob_cache_evictions");
  }

  @Test
  void describesEveryEndpointInOpenApi() {
    String openapi = Http.text(http.get("openapi"));
    assertThat(openapi)
        .contains("/api/v1/blobs:")
        .contains("/api/v1/blobs/{hash}:")
        .contains("/api/v1/admin/node:")
        .contains("/api/v1/admin/state:")
        .contains("/api/v1/admin/state/rewrap:")
        .contains("head:")
        .contains("put:");
    // Error answers are defined once, as components, and the operations refer to them.
    assertThat(openapi)
        .containsPattern("(?m)^components:$")
        .containsPattern("(?m)^  responses:$")
        .containsPattern("(?m)^    BlobNotFound:$")
        .contains("$ref: \"#/components/responses/BlobNotFound\"")
        .contains("$ref: \"#/components/responses/DatabaseUnavailable\"")
        .contains("$ref: \"#/components/responses/RequestTimeout\"")
        .contains("$ref: \"#/components/schemas/ErrorBody\"")
        .containsPattern("(?m)^    ErrorBody:$");
  }

  private String adminToken() throws Exception {
    return Files.readString(Path.of(System.getProperty("cachet.data-dir"), "admin.token")).strip();
  }

  private HttpResponse<byte[]> admin(String method, String path) throws Exception {
    return http.send(
        http.request(path)
            .header("Authorization", "Bearer " + adminToken())
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build());
  }

  private static String keyIdOf(String hex) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(HexFormat.of().parseHex(hex));
    return "sha256:" + HexFormat.of().formatHex(digest);
  }

  private static void replace(Path file, String content) throws Exception {
    Path temp = file.resolveSibling(file.getFileName() + ".new");
    Files.writeString(temp, content);
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private JsonObject identityRecord() throws Exception {
    HttpResponse<byte[]> state = admin("GET", "api/v1/admin/state");
    assertThat(state.statusCode()).isEqualTo(200);
    return Json.object(state).getJsonArray("records").stream()
        .map(JsonValue::asJsonObject)
        .filter(r -> r.getString("name").equals("node/identity"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void keepsStateUnderTheKmsKeyAndRewrapsItAfterARotation() throws Exception {
    Path kms = Path.of(System.getProperty("cachet.data-dir"), "kms");
    Path current = kms.resolve("current.key");
    String keyA = Files.readString(current).strip();
    isError(http.get("api/v1/admin/state"), 401, "UNAUTHORIZED");

    String identity = Json.object(admin("GET", "api/v1/admin/node")).getString("identityKey");
    assertThat(identity).matches("[0-9a-f]{64}");
    JsonObject before = identityRecord();
    assertThat(before.getString("keyId")).isEqualTo(keyIdOf(keyA));
    assertThat(before.getString("provider")).isEqualTo("command");
    assertThat(before.getJsonNumber("size").longValue()).isPositive();
    assertThat(before.toString()).doesNotContain(identity);

    String keyB = HexFormat.of().formatHex(randomBytes(32));
    replace(kms.resolve("previous.key"), keyA + "\n");
    replace(current, keyB + "\n");
    try {
      HttpResponse<byte[]> rewrap = admin("POST", "api/v1/admin/state/rewrap");
      assertThat(rewrap.statusCode()).isEqualTo(200);
      assertThat(Json.object(rewrap).getInt("rewritten")).isPositive();
      JsonObject after = identityRecord();
      assertThat(after.getString("keyId")).isEqualTo(keyIdOf(keyB));
      assertThat(after.getJsonNumber("generation").longValue())
          .isEqualTo(before.getJsonNumber("generation").longValue() + 1);
      assertThat(Json.object(admin("POST", "api/v1/admin/state/rewrap")).getInt("rewritten"))
          .isZero();

      Files.delete(current); // the KMS is down: the command exits non-zero
      HttpResponse<byte[]> notReady = http.get("health/ready");
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(Http.text(notReady)).contains("state-vault").contains("unavailable");
      replace(current, keyA + "\n"); // an older key: the record is not under it
      HttpResponse<byte[]> refused = admin("POST", "api/v1/admin/state/rewrap");
      isError(refused, 409, "STATE_KEY_MISMATCH");
      assertThat(Http.text(refused)).contains(keyIdOf(keyB)).doesNotContain(keyB);
      Files.delete(current);
      HttpResponse<byte[]> unavailable = admin("POST", "api/v1/admin/state/rewrap");
      isError(unavailable, 503, "STATE_KEY_UNAVAILABLE");
      assertThat(unavailable.headers().firstValue("Retry-After")).isPresent();
      assertThat(identityRecord().getString("keyId")).isEqualTo(keyIdOf(keyB));
      assertThat(Json.object(admin("GET", "api/v1/admin/node")).getString("identityKey"))
          .isEqualTo(identity);
    } finally {
      replace(current, keyB + "\n");
    }
    assertThat(http.get("health/ready").statusCode()).isEqualTo(200);
    assertThat(Http.text(http.get("metrics")))
        .contains("cachet_state_persists")
        .contains("cachet_state_key_resolution");
  }
}
