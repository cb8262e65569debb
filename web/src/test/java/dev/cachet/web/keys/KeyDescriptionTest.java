package dev.cachet.web.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.keys.KeyRole;
import dev.cachet.keys.KeyState;
import dev.cachet.keys.KeyView;
import dev.cachet.keys.PreparationProgress;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
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
          null,
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
          null,
          KeyState.RETIRED,
          null,
          0);

  /** A generation half done: 70,000 of 131,329 leaves since 12:00, about 20 s to go. */
  private static final KeyView HALF_GENERATED =
      new KeyView(
          3,
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
          5L,
          new PreparationProgress(5L, 70_000, 131_329, Instant.parse("2026-11-21T12:00:00Z"), 20),
          KeyState.PREPARING,
          null,
          0);

  @Test
  void writesTheSameJsonAsTheCoreViewDidWhenNoTreeIsBuilt() {
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
  void writesTheProgressOfATreeBeingBuilt() {
    assertThat(JSONB.toJson(KeyDescription.of(HALF_GENERATED)))
        .contains(
            "\"preparation\":{\"etaSeconds\":20,\"leavesDone\":70000,\"leavesTotal\":131329,"
                + "\"startedAt\":\"2026-11-21T12:00:00Z\",\"tree\":5}");
  }

  @Test
  void aPreparationWaitingForAThreadHasNoStartYet() {
    KeyView waiting =
        new KeyView(
            3,
            KeyRole.PROPOSAL,
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
            new PreparationProgress(0L, 0, 49, null, 3),
            KeyState.PREPARING,
            null,
            0);
    assertThat(JSONB.toJson(KeyDescription.of(waiting)))
        .contains(
            "\"preparation\":{\"etaSeconds\":3,\"leavesDone\":0,\"leavesTotal\":49,"
                + "\"tree\":0}");
  }

  @Test
  void writesAListOfKeysUnderKeys() {
    assertThat(JSONB.toJson(new KeyResource.KeyList(List.of(KeyDescription.of(RETIRED)))))
        .startsWith("{\"keys\":[{\"activationSlot\":5,")
        .contains("\"state\":\"RETIRED\"");
  }
}
