package dev.cachet.it.micro;

import static dev.cachet.it.BlobApiChecks.isError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.it.BouncyCastleXmss;
import dev.cachet.it.Http;
import dev.cachet.it.Json;
import dev.cachet.it.KeyClient;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.pqc.crypto.xmss.XMSSMTPrivateKeyParameters;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Validator keys on Payara Micro over HTTP, with bottom trees of 16 slots (h = 8, d = 2) and
 * 1-second slots (see the pom): every slot signs while windows advance in the background, the end
 * of a lifetime, a BouncyCastle key imported and checked by BouncyCastle, and the refusals.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ValidatorKeysIT {

  private static final Duration GENERATION = Duration.ofSeconds(60);
  private static final HexFormat HEX = HexFormat.of();

  @ArquillianResource private URL deploymentUrl;

  private KeyClient keys;
  private final Random random = new Random(42);

  @Deployment(testable = false)
  static WebArchive node() {
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("cachet.war")));
  }

  @BeforeEach
  void client() throws Exception {
    String token =
        Files.readString(Path.of(System.getProperty("cachet.data-dir"), "admin.token")).strip();
    keys = new KeyClient(new Http(new URL(deploymentUrl, "/")), token);
  }

  private String message() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return HEX.formatHex(bytes);
  }

  private static boolean verifiesWithBouncyCastle(JsonObject key, String message, byte[] sig) {
    return BouncyCastleXmss.verifies(
        key.getInt("height"),
        key.getInt("layers"),
        HEX.parseHex(key.getString("root")),
        HEX.parseHex(key.getString("publicSeed")),
        HEX.parseHex(message),
        sig);
  }

  /**
   * Issue 10, finding 7: a flood of admin generations left the preparation thread behind, told
   * every client {@code Retry-After: 1}, and starved the keys queued after it. The node under test
   * allows 8 waiting preparations (see the pom); 40 generations of 2,048-leaf keys from 8 clients
   * at once fill that queue, and a key that signs keeps signing every slot meanwhile.
   */
  @Test
  void aFloodOfGenerationsIsBoundedAndAKeyThatSignsKeepsSigning() throws Exception {
    assertThat(keys.generate(90, "ATTESTATION", 8, 2).statusCode()).isEqualTo(202);
    keys.awaitState(90, "ATTESTATION", "ACTIVE", GENERATION);

    ExecutorService clients = Executors.newFixedThreadPool(8);
    List<Future<HttpResponse<byte[]>>> flood = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) {
        long validator = 1000 + i;
        flood.add(clients.submit(() -> keys.generate(validator, "ATTESTATION", 20, 2)));
      }
      long signedFrom = keys.currentSlot();
      long slot = signedFrom;
      while (!flood.stream().allMatch(Future::isDone) || slot < signedFrom + 3) {
        slot = keys.awaitSlot(slot + 1, Duration.ofSeconds(10));
        HttpResponse<byte[]> signed = keys.attest(90, slot, message());
        assertThat(signed.statusCode())
            .as("the key that signs is never starved by the flood: %s", Http.text(signed))
            .isEqualTo(200);
      }
    } finally {
      clients.shutdown();
    }
    List<Long> accepted = new ArrayList<>();
    int refused = 0;
    for (int i = 0; i < flood.size(); i++) {
      HttpResponse<byte[]> answer = flood.get(i).get();
      if (answer.statusCode() == 202) {
        accepted.add(1000L + i);
        continue;
      }
      isError(answer, 503, "PREPARATION_QUEUE_FULL");
      assertThat(answer.headers().firstValue("Retry-After"))
          .hasValueSatisfying(seconds -> assertThat(Long.parseLong(seconds)).isPositive());
      HttpResponse<byte[]> absent = keys.http().get("api/v1/keys/" + (1000 + i) + "/ATTESTATION");
      isError(absent, 404, "KEY_NOT_FOUND");
      refused++;
    }
    assertThat(refused).as("the queue's bound refused some of the flood").isPositive();
    assertThat(accepted).as("and took the rest in").isNotEmpty();
    for (long validator : accepted) {
      keys.awaitState(validator, "ATTESTATION", "ACTIVE", GENERATION);
    }
  }

  @Test
  void signsEverySlotForSeveralBottomTreesWhileWindowsAdvanceInTheBackground() {
    HttpResponse<byte[]> accepted = keys.generate(1, "ATTESTATION", 8, 2);
    assertThat(accepted.statusCode()).as(Http.text(accepted)).isEqualTo(202);
    assertThat(accepted.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/keys/1/attestation"));
    assertThat(Json.object(accepted).keySet()) // what is not known yet is absent
        .containsExactlyInAnyOrder(
            "height",
            "layers",
            "preparation",
            "preparing",
            "preparingTree",
            "role",
            "slotsLeft",
            "state",
            "validatorIndex");
    JsonObject generation = Json.object(accepted).getJsonObject("preparation");
    // two trees of 16 leaves, and 16 + 1 leaves to sign the bottom tree's root
    assertThat(generation.getJsonNumber("leavesTotal").longValue()).isEqualTo(49);
    assertThat(generation.getJsonNumber("leavesDone").longValue()).isBetween(0L, 49L);
    assertThat(generation.getJsonNumber("tree").longValue())
        .isEqualTo(Json.object(accepted).getJsonNumber("preparingTree").longValue());
    JsonObject key = keys.awaitState(1, "attestation", "ACTIVE", GENERATION);
    assertThat(key.getString("publicKey")).hasSize(128); // no RFC OID for h = 8, d = 2

    long first = keys.currentSlot() + 1;
    long last = first + 3 * 16; // three bottom trees
    for (long slot = first; slot <= last; slot++) {
      keys.awaitSlot(slot, Duration.ofSeconds(10));
      String message = message();
      HttpResponse<byte[]> signed = keys.attest(1, slot, message);
      assertThat(signed.statusCode())
          .as("slot %d: %s", slot, Http.text(signed))
          .isEqualTo(200); // never a 503 for the current slot
      assertThat(Json.object(signed).getJsonNumber("slot").longValue()).isEqualTo(slot);
      assertThat(verifiesWithBouncyCastle(key, message, KeyClient.signature(signed))).isTrue();
    }
    JsonObject after = keys.key(1, "attestation");
    assertThat(after.getJsonNumber("highestSignedSlot").longValue()).isEqualTo(last);
    assertThat(after.getJsonNumber("toSlot").longValue()).isGreaterThan(last);
    assertThat(after.keySet())
        .containsExactlyInAnyOrder(
            "activationSlot",
            "fromSlot",
            "height",
            "highestSignedSlot",
            "layers",
            "preparing",
            "publicKey",
            "publicSeed",
            "role",
            "root",
            "slotsLeft",
            "state",
            "toSlot",
            "validatorIndex");
    assertThat(after.getString("role")).isEqualTo("ATTESTATION");
  }

  @Test
  void reachesTheEndOfTheLifetimeAndReportsExhaustion() {
    // Activated near the end of its 256-slot lifetime: its window is the last bottom tree.
    assertThat(keys.generate(2, "PROPOSAL", 8, 2, 250L).statusCode()).isEqualTo(202);
    JsonObject key = keys.awaitState(2, "proposal", "ACTIVE", GENERATION);
    assertThat(key.getJsonNumber("toSlot").longValue()).isEqualTo(255);
    isError(keys.propose(2, 249, message()), 409, "SLOT_ALREADY_SIGNED"); // before activation

    String root = message();
    byte[] signature = KeyClient.signature(keys.propose(2, 255, root)); // the last leaf
    assertThat(verifiesWithBouncyCastle(key, root, signature)).isTrue();
    isError(keys.propose(2, 256, root), 410, "KEY_EXHAUSTED");
    assertThat(keys.key(2, "proposal").getString("state")).isEqualTo("EXHAUSTED");
    assertThat(keys.key(2, "proposal").getJsonNumber("slotsLeft").longValue()).isZero();
  }

  @Test
  void aSlotBeyondTheWindowIsNotPreparedYetWithATimeToRetry() {
    assertThat(keys.generate(5, "ATTESTATION", 8, 2).statusCode()).isEqualTo(202);
    keys.awaitState(5, "attestation", "ACTIVE", GENERATION);
    JsonObject key = keys.key(5, "attestation");
    long beyond = key.getJsonNumber("toSlot").longValue() + 20;

    HttpResponse<byte[]> early = keys.attest(5, beyond, message());
    isError(early, 503, "KEY_NOT_PREPARED");
    assertThat(early.headers().firstValue("Retry-After"))
        .hasValueSatisfying(seconds -> assertThat(Long.parseLong(seconds)).isPositive());
    assertThat(keys.key(5, "attestation").getJsonNumber("fromSlot"))
        .isEqualTo(key.getJsonNumber("fromSlot")); // the current slot stays signable
  }

  @Test
  void aSlotFarBeyondTheWindowAsksToRetryAtMostADayLaterInsteadOfFailing() {
    // Issue 10, finding 4: with h = 60, d = 12 a slot of 2^52 and more overflowed Retry-After
    // (Duration.toMillis) into Payara's HTML 500 page.
    assertThat(keys.generate(6, "ATTESTATION", 60, 12).statusCode()).isEqualTo(202);
    keys.awaitState(6, "attestation", "ACTIVE", GENERATION);
    for (long slot : new long[] {1L << 52, 1L << 58, (1L << 60) - 1}) {
      HttpResponse<byte[]> far = keys.attest(6, slot, message());
      isError(far, 503, "KEY_NOT_PREPARED");
      assertThat(far.headers().firstValue("Retry-After"))
          .hasValueSatisfying(
              seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 86_400L));
    }
  }

  @Test
  void aNumberThatIsNotExactlyAnIntegerOfItsFieldIsRefusedAndSignsNothing() {
    // Issue 10, finding 2: each of these used to sign slot 28, 29, 34, 31, 0 or 33.
    assertThat(keys.generate(8, "ATTESTATION", 10, 2, 0L).statusCode()).isEqualTo(202);
    keys.awaitState(8, "attestation", "ACTIVE", GENERATION);
    String message = "\"message\":\"" + message() + "\"";
    for (String slot :
        new String[] {
          "18446744073709551644",
          "36893488147419103261",
          "-18446744073709551582",
          "31.9",
          "1e400",
          "\"33\""
        }) {
      HttpResponse<byte[]> answer =
          keys.http()
              .postJson(
                  "api/v1/validators/8/attestations", "{\"slot\":" + slot + "," + message + "}");
      isError(answer, 400, "INVALID_NUMBER");
      assertThat(Http.text(answer)).contains("slot");
    }
    assertThat(keys.key(8, "attestation").containsKey("highestSignedSlot"))
        .as("nothing was signed")
        .isFalse();

    isError(
        keys.http()
            .postJson(
                "api/v1/admin/keys",
                "{\"validatorIndex\":18446744073709563961,\"role\":\"ATTESTATION\"}",
                keys.adminToken()),
        400,
        "INVALID_NUMBER");
    assertThat(keys.http().get("api/v1/keys/12345/attestation").statusCode()).isEqualTo(404);
    isError(
        keys.http()
            .postJson(
                "api/v1/admin/keys",
                "{\"validatorIndex\":12346,\"role\":\"ATTESTATION\",\"height\":4294967304,"
                    + "\"layers\":2}",
                keys.adminToken()),
        400,
        "INVALID_NUMBER");
  }

  @Test
  void importsABouncyCastleKeyWhoseSignaturesBouncyCastleVerifies() {
    XMSSMTPrivateKeyParameters bc = BouncyCastleXmss.generate(8, 2, new SecureRandom());
    long next = keys.currentSlot() + 2;
    String body =
        "{\"validatorIndex\":3,\"role\":\"ATTESTATION\",\"height\":8,\"layers\":2"
            + ",\"secretKeySeed\":\""
            + HEX.formatHex(bc.getSecretKeySeed())
            + "\",\"secretKeyPrf\":\""
            + HEX.formatHex(bc.getSecretKeyPRF())
            + "\",\"publicSeed\":\""
            + HEX.formatHex(bc.getPublicSeed())
            + "\",\"root\":\""
            + HEX.formatHex(bc.getRoot())
            + "\",\"nextSlot\":"
            + next
            + "}";
    String wrongRoot = body.replace(HEX.formatHex(bc.getRoot()), "00".repeat(32));
    isError(
        keys.http().postJson("api/v1/admin/keys/import", wrongRoot, keys.adminToken()),
        400,
        "ROOT_MISMATCH");
    isError(keys.http().get("api/v1/keys/3/attestation"), 404, "KEY_NOT_FOUND");

    HttpResponse<byte[]> imported =
        keys.http().postJson("api/v1/admin/keys/import", body, keys.adminToken());
    assertThat(imported.statusCode()).as(Http.text(imported)).isEqualTo(201);
    assertThat(Json.object(imported).getString("root")).isEqualTo(HEX.formatHex(bc.getRoot()));
    isError(keys.attest(3, next - 1, message()), 409, "SLOT_ALREADY_SIGNED");

    String message = message();
    byte[] signature = KeyClient.signature(keys.attest(3, next, message));
    assertThat(
            BouncyCastleXmss.verifies(
                8, 2, bc.getRoot(), bc.getPublicSeed(), HEX.parseHex(message), signature))
        .isTrue();
  }

  @Test
  void answersBadRequestsWithTheirErrorCodesAndChangesNothing() {
    assertThat(keys.generate(4, "ATTESTATION", 8, 2).statusCode()).isEqualTo(202);
    keys.awaitState(4, "attestation", "ACTIVE", GENERATION);
    long slot = keys.currentSlot();
    String message = message();
    byte[] signature = KeyClient.signature(keys.attest(4, slot, message));

    assertThat(KeyClient.signature(keys.attest(4, slot, message))).isEqualTo(signature);
    isError(keys.attest(4, slot, message()), 409, "SLOT_ALREADY_SIGNED");
    isError(keys.attest(4, slot - 1, message()), 409, "SLOT_ALREADY_SIGNED");
    isError(keys.generate(4, "ATTESTATION", 8, 2), 409, "KEY_EXISTS");
    isError(keys.attest(99, slot, message()), 404, "KEY_NOT_FOUND");
    isError(keys.attest(4, slot + 1, "xyz"), 400, "INVALID_MESSAGE");
    isError(keys.attest(4, -1, message()), 400, "INVALID_SLOT");
    isError(
        keys.http().postJson("api/v1/validators/4/attestations", "{\"slot\": 5, \"mess"),
        400,
        "MALFORMED_JSON");
    isError( // a string where a number belongs: the number is refused, not coerced or guessed
        keys.http().postJson("api/v1/validators/4/attestations", "{\"slot\": \"five\"}"),
        400,
        "INVALID_NUMBER");
    isError(
        keys.http()
            .postJson(
                "api/v1/validators/4/attestations",
                "{\"slot\": 5, \"message\": \"" + "0".repeat(70_000) + "\"}"),
        413,
        "BODY_TOO_LARGE");
    isError(
        keys.http().postJson("api/v1/validators/x/attestations", "{}"),
        400,
        "INVALID_VALIDATOR_INDEX");
    isError(keys.http().get("api/v1/keys/4/signing"), 400, "INVALID_ROLE");
    isError(
        keys.http()
            .postJson("api/v1/admin/keys", "{\"validatorIndex\":5,\"role\":\"ATTESTATION\"}"),
        401,
        "UNAUTHORIZED");
    isError(
        keys.http()
            .postJson(
                "api/v1/admin/keys",
                "{\"validatorIndex\":5,\"role\":\"ATTESTATION\",\"height\":7,\"layers\":2}",
                keys.adminToken()),
        400,
        "INVALID_PARAMETERS");
    assertThat(keys.key(4, "attestation").getJsonNumber("highestSignedSlot").longValue())
        .isEqualTo(slot);

    HttpResponse<byte[]> retired =
        keys.http().delete("api/v1/admin/keys/4/attestation", keys.adminToken());
    assertThat(Json.object(retired).getString("state")).isEqualTo("RETIRED");
    isError(keys.attest(4, slot + 1, message()), 410, "KEY_RETIRED");
  }

  @Test
  void describesTheKeyEndpointsInOpenApiAndReportsReadinessAndMetrics() {
    assertThat(Http.text(keys.http().get("openapi")))
        .contains("/api/v1/admin/keys:")
        .contains("/api/v1/admin/keys/import:")
        .contains("/api/v1/keys/{validatorIndex}/{role}:")
        .contains("/api/v1/validators/{validatorIndex}/attestations:")
        .contains("/api/v1/validators/{validatorIndex}/blocks:")
        .contains("/api/v1/chain:")
        .containsPattern("(?m)^  responses:$")
        .containsPattern("(?m)^    KeyNotFound:$")
        .containsPattern("(?m)^    KeyPreparation:$")
        .containsPattern("(?m)^        preparation:$")
        .contains("$ref: \"#/components/responses/KeyNotFound\"")
        .contains("$ref: \"#/components/responses/SlotAlreadySigned\"");
    HttpResponse<byte[]> ready = keys.http().get("health/ready");
    assertThat(Http.text(ready)).contains("validator-keys");
    keys.http().get("api/v1/keys");
    assertThat(Http.text(keys.http().get("metrics")))
        .contains("cachet_keys_preparations_running")
        .contains("cachet_keys_exhausted");
  }
}
