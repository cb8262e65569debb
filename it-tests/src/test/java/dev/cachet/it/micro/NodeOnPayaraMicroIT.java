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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        .contains("/api/v1/admin/committees/{epoch}:")
        .contains("/api/v1/committees/{epoch}:")
        .contains("/api/v1/committees/current:")
        .contains("$ref: \"#/components/responses/CommitteeExists\"")
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

  private static final String COMMITTEES = "api/v1/committees/";
  private static final String ADMIN_COMMITTEES = "api/v1/admin/committees/";

  private static String member(String name, String key, String stake, String url) {
    return "{\"name\":\"%s\",\"identityKey\":\"%s\",\"stake\":%s,\"url\":\"%s\"}"
        .formatted(name, key, stake, url);
  }

  private static String members(String... members) {
    return "{\"members\":[" + String.join(",", members) + "]}";
  }

  @Test
  void setsACommitteeOnceAndServesItToAnyone() throws Exception {
    String token = adminToken();
    // Made-up identity keys, none of them this node's: no configured genesis is needed.
    String a = "a1".repeat(32);
    String b = "b2".repeat(32);
    String alice = member("alice", a, "100", "http://127.0.0.1:9001");
    String bob = member("bob", b, "50", "https://Node-B.example:0443");

    JsonObject chain = Json.object(http.get("api/v1/chain"));
    assertThat(chain.getJsonNumber("slotsPerEpoch").longValue()).isEqualTo(32);
    assertThat(chain.getJsonNumber("currentEpoch").longValue())
        .isEqualTo(chain.getJsonNumber("currentSlot").longValue() / 32);
    assertThat(chain.getString("genesisTime")).isNotBlank();
    assertThat(chain.getJsonNumber("secondsPerSlot").longValue()).isEqualTo(1);
    long epoch = chain.getJsonNumber("currentEpoch").longValue();

    isError(http.putJson(ADMIN_COMMITTEES + epoch, members(alice, bob), null), 401, "UNAUTHORIZED");
    isError(http.get(COMMITTEES + epoch), 404, "COMMITTEE_NOT_FOUND");
    for (long e : new long[] {epoch, epoch + 1}) { // the clock may pass into the next epoch
      HttpResponse<byte[]> created = http.putJson(ADMIN_COMMITTEES + e, members(bob, alice), token);
      assertThat(created.statusCode()).as(Http.text(created)).isEqualTo(201);
      assertThat(created.headers().firstValue("Location"))
          .hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/committees/" + e));
      assertThat(Json.object(created).getJsonNumber("epoch").longValue()).isEqualTo(e);
    }

    JsonObject read = Json.object(http.get(COMMITTEES + epoch));
    assertThat(read.getJsonNumber("epoch").longValue()).isEqualTo(epoch);
    assertThat(read.getJsonNumber("totalStake").longValue()).isEqualTo(150);
    assertThat(read.getJsonNumber("quorumStake").longValue()).isEqualTo(101);
    assertThat(read.getJsonNumber("validityStake").longValue()).isEqualTo(51);
    assertThat(read.getJsonArray("members").stream().map(JsonValue::asJsonObject))
        .extracting(
            m ->
                m.getString("identityKey")
                    + " "
                    + m.getString("name")
                    + " "
                    + m.getJsonNumber("stake")
                    + " "
                    + m.getString("url"))
        .containsExactly(
            a + " alice 100 http://127.0.0.1:9001", b + " bob 50 https://node-b.example:443");
    JsonObject current = Json.object(http.get(COMMITTEES + "current"));
    assertThat(current.getJsonNumber("epoch").longValue()).isBetween(epoch, epoch + 1);
    assertThat(current.getJsonArray("members")).isEqualTo(read.getJsonArray("members"));

    String sameAgain =
        members(
            member("alice", a, "100", "http://127.0.0.1:09001"),
            member("bob", b, "50", "https://node-b.example:443"));
    HttpResponse<byte[]> unchanged = http.putJson(ADMIN_COMMITTEES + epoch, sameAgain, token);
    assertThat(unchanged.statusCode()).as(Http.text(unchanged)).isEqualTo(200);
    assertThat(Json.object(unchanged)).isEqualTo(read);
    isError(
        http.putJson(
            ADMIN_COMMITTEES + epoch, members(alice, member("bob", b, "51", "http://b:1")), token),
        409,
        "COMMITTEE_EXISTS");
    assertThat(Json.object(http.get(COMMITTEES + epoch))).isEqualTo(read);

    // Refused with nothing stored.
    long empty = epoch + 100;
    String self = Json.object(admin("GET", "api/v1/admin/node")).getString("identityKey");
    List<String> thousandAndOne = new ArrayList<>();
    for (int i = 0; i <= 1000; i++) {
      thousandAndOne.add(member("n" + i, "%064x".formatted(i + 1), "1", "http://n" + i + ":1"));
    }
    Map<String, String> refusals = new LinkedHashMap<>();
    refusals.put(members(alice, member("again", a, "1", "http://a:1")), "INVALID_COMMITTEE");
    refusals.put(members(member("alice", a, "0", "http://a:1")), "INVALID_COMMITTEE");
    refusals.put(members(member("alice", a, "-3", "http://a:1")), "INVALID_COMMITTEE");
    refusals.put(members(), "INVALID_COMMITTEE");
    refusals.put(members(thousandAndOne.toArray(String[]::new)), "INVALID_COMMITTEE");
    refusals.put(members(member("alice", a, "1", "http://a:1/path")), "INVALID_COMMITTEE");
    refusals.put(members(member("alice", a, "1", "not a url")), "INVALID_COMMITTEE");
    refusals.put(
        members(member("alice", a.toUpperCase(), "1", "http://a:1")), "INVALID_IDENTITY_KEY");
    refusals.put(members(member("alice", "abc", "1", "http://a:1")), "INVALID_IDENTITY_KEY");
    refusals.put(members(member("alice", a, "1.5", "http://a:1")), "INVALID_NUMBER");
    refusals.put(
        members(member("alice", a, "18446744073709551716", "http://a:1")), "INVALID_NUMBER");
    refusals.put(members(member("alice", a, "\"7\"", "http://a:1")), "INVALID_NUMBER");
    refusals.put("{\"members\": [", "MALFORMED_JSON");
    refusals.put(
        members(alice, member("me", self, "1", "http://127.0.0.1:9000")), "GENESIS_NOT_CONFIGURED");
    for (Map.Entry<String, String> refusal : refusals.entrySet()) {
      HttpResponse<byte[]> answer = http.putJson(ADMIN_COMMITTEES + empty, refusal.getKey(), token);
      assertThat(answer.statusCode()).as(refusal.getValue()).isEqualTo(400);
      assertThat(Json.object(answer).getString("error"))
          .as(Http.text(answer))
          .isEqualTo(refusal.getValue());
    }
    for (String bad : List.of("-1", "x", "1.5", "99999999999999999999")) {
      isError(http.putJson(ADMIN_COMMITTEES + bad, members(alice), token), 400, "INVALID_EPOCH");
      isError(http.get(COMMITTEES + bad), 400, "INVALID_EPOCH");
    }
    isError(http.get(COMMITTEES + empty), 404, "COMMITTEE_NOT_FOUND");
    isError(http.get(COMMITTEES + "999999999999"), 404, "COMMITTEE_NOT_FOUND");
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
