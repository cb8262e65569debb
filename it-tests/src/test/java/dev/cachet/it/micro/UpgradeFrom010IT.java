package dev.cachet.it.micro;

import static dev.cachet.it.BlobApiChecks.isError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.it.BouncyCastleXmss;
import dev.cachet.it.Json;
import dev.cachet.it.KeyClient;
import dev.cachet.it.MicroNode;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A node whose data directory was left by Cachet 0.1.0 (EclipseLink-generated H2 tables, windows in
 * the blob store, the genesis in a file) upgrades in place on its first start: nothing lost, the
 * windows out of the public blob store and reused, the chain kept in the database.
 */
class UpgradeFrom010IT {

  private static final HexFormat HEX = HexFormat.of();
  private static final String ROOT =
      "058948f2fb090b12b67618ea5518ed28f2fdcabd5940c742dd6922d46f90ae87";
  private static final String PUBLISHED =
      "5da97e4b4c1dcc92ce1783c29625c60e480829e347e6d048748771f505c01a44";

  private static String message(long slot) {
    return String.format("%02d", slot) + "ab".repeat(31);
  }

  @Test
  void upgradesInPlaceWithNothingLost() throws Exception {
    Path fixture = Path.of(System.getProperty("cachet.legacy-fixture-dir"));
    Path dataDir = Path.of(System.getProperty("cachet.upgrade-data-dir"));
    Files.createDirectories(dataDir);
    Files.copy(fixture.resolve("cachet.mv.db"), dataDir.resolve("cachet.mv.db"));
    Files.copy(fixture.resolve("state.hwm"), dataDir.resolve("state.hwm"));
    String slot5 = Files.readString(fixture.resolve("slot5-signature.hex")).strip();
    Map<String, String> env = new HashMap<>();
    env.put("CACHET_STATE_KEY_PROVIDER", "env");
    env.put("CACHET_STATE_KEY_HEX", "6e".repeat(32));
    env.put("CACHET_ADMIN_TOKEN", "upgrade-admin-token-0123456789");
    env.put("CACHET_CHAIN_GENESIS_TIME", "2100-01-01T00:00:00Z");
    env.put("CACHET_CHAIN_SECONDS_PER_SLOT", "4");

    try (MicroNode node = new MicroNode(dataDir, env)) {
      node.start();
      KeyClient keys = new KeyClient(node.http(), "upgrade-admin-token-0123456789");
      JsonObject key = keys.awaitState(7, "attestation", "ACTIVE", Duration.ofSeconds(30));
      assertThat(key.getString("root")).isEqualTo(ROOT);
      assertThat(key.getJsonNumber("highestSignedSlot").longValue()).isEqualTo(5);

      assertThat(Json.object(keys.attest(7, 5, message(5))).getString("signature"))
          .as("the signature 0.1.0 gave for slot 5")
          .isEqualTo(slot5);
      isError(keys.attest(7, 5, "cd".repeat(32)), 409, "SLOT_ALREADY_SIGNED");
      isError(keys.attest(7, 3, "cd".repeat(32)), 409, "SLOT_ALREADY_SIGNED");
      byte[] six = KeyClient.signature(keys.attest(7, 6, message(6)));
      assertThat(
              BouncyCastleXmss.verifies(
                  8,
                  2,
                  HEX.parseHex(ROOT),
                  HEX.parseHex(key.getString("publicSeed")),
                  HEX.parseHex(message(6)),
                  six))
          .isTrue();

      JsonObject blobs = Json.object(node.http().get("api/v1/blobs"));
      assertThat(blobs.getJsonArray("blobs")).hasSize(1);
      assertThat(blobs.getJsonArray("blobs").getJsonObject(0).getString("hash"))
          .as("only what was published; the windows moved out")
          .isEqualTo(PUBLISHED);
      assertThat(Files.readString(node.log()))
          .as("the window moved out of the blob store is used, not recomputed")
          .doesNotContain("the whole window of slot");
      node.stop();

      // The chain is the database's now: a start without the genesis keeps it, one with another
      // slot duration refuses.
      env.remove("CACHET_CHAIN_GENESIS_TIME");
      node.start();
      assertThat(Json.object(node.http().get("api/v1/chain")).getString("genesisTime"))
          .isEqualTo("2100-01-01T00:00:00Z");
      assertThat(
              KeyClient.signature(
                  new KeyClient(node.http(), "upgrade-admin-token-0123456789")
                      .attest(7, 6, message(6))))
          .isEqualTo(six);
      node.stop();
      env.put("CACHET_CHAIN_SECONDS_PER_SLOT", "2");
      node.startExpectingRefusal("cachet.chain.seconds-per-slot is 2");
    }
  }
}
