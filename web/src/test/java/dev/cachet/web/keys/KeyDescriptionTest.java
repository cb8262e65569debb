package dev.cachet.web.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.keys.KeyRole;
import dev.cachet.keys.KeyState;
import dev.cachet.keys.KeyView;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The key DTO writes exactly the JSON that the core's KeyView wrote when it was the wire format.
 */
class KeyDescriptionTest {

  private static final Jsonb JSONB = JsonbBuilder.create();

  private static final String HEX = "ab".repeat(32);

  private static final KeyView GENERATING =
      new KeyView(
          1,
          KeyRole.ATTESTATION,
          0,
          0,
          null,
          null,
          null,
          null,
          null,
          null,
          true,
          0L,
          KeyState.PREPARING,
          null,
          0);

  private static final KeyView ACTIVE =
      new KeyView(
          7,
          KeyRole.PROPOSAL,
          8,
          2,
          HEX,
          HEX,
          HEX + HEX,
          14L,
          0L,
          31L,
          false,
          null,
          KeyState.ACTIVE,
          16L,
          239);

  private static final KeyView RETIRED =
      new KeyView(
          2,
          KeyRole.PROPOSAL,
          8,
          2,
          HEX,
          HEX,
          HEX + HEX,
          5L,
          null,
          null,
          false,
          null,
          KeyState.RETIRED,
          null,
          0);

  @Test
  void writesTheSameJsonAsTheCoreViewDid() {
    for (KeyView key : List.of(GENERATING, ACTIVE, RETIRED)) {
      assertThat(JSONB.toJson(KeyDescription.of(key))).isEqualTo(JSONB.toJson(key));
    }
  }

  @Test
  void leavesOutWhatIsNotKnownYet() {
    assertThat(JSONB.toJson(KeyDescription.of(GENERATING)))
        .isEqualTo(
            "{\"height\":0,\"layers\":0,\"preparing\":true,\"preparingTree\":0,"
                + "\"role\":\"ATTESTATION\",\"slotsLeft\":0,\"state\":\"PREPARING\","
                + "\"validatorIndex\":1}");
  }

  @Test
  void writesAListOfKeysUnderKeys() {
    assertThat(JSONB.toJson(new KeyResource.KeyList(List.of(KeyDescription.of(RETIRED)))))
        .startsWith("{\"keys\":[{\"activationSlot\":5,")
        .contains("\"state\":\"RETIRED\"");
  }
}
