package dev.cachet.web.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.clock.SlotClock;
import dev.cachet.committee.Epochs;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/chain} keeps its fields and adds the epoch's, for one reading of the clock.
 */
class ChainResourceTest {

  @Test
  void writesTheSlotClockAndTheEpochOfItsSlot() {
    Instant genesis = Instant.parse("2026-01-01T00:00:00Z");
    SlotClock clock =
        new SlotClock(
            genesis,
            Duration.ofSeconds(4),
            Clock.fixed(genesis.plusSeconds(4 * 1201 + 3), ZoneOffset.UTC));
    Jsonb jsonb = JsonbBuilder.create();
    assertThat(jsonb.toJson(ChainResource.Chain.of(new Epochs(clock, 32))))
        .isEqualTo(
            "{\"currentEpoch\":37,\"currentSlot\":1201,\"genesisTime\":\"2026-01-01T00:00:00Z\","
                + "\"secondsPerSlot\":4,\"slotsPerEpoch\":32}");
  }
}
