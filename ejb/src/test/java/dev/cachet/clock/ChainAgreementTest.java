package dev.cachet.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Nodes on one database count the same slots, or the one configured otherwise does not start. */
class ChainAgreementTest {

  static final Instant NOW = Instant.parse("2026-12-01T10:00:00.750Z");
  static final ChainParameters STORED =
      new ChainParameters(Instant.parse("2026-11-01T00:00:00Z"), 4);

  @Test
  void theFirstNodeStoresTheConfiguredGenesisOrItsOwnStart() {
    assertThat(
            ChainAgreement.decide(
                Optional.empty(), Optional.of("1767225600"), 4, Optional.empty(), NOW))
        .isEqualTo(
            new ChainAgreement.Decision(
                new ChainParameters(Instant.parse("2026-01-01T00:00:00Z"), 4), true));
    assertThat(ChainAgreement.decide(Optional.empty(), Optional.empty(), 2, Optional.empty(), NOW))
        .isEqualTo(
            new ChainAgreement.Decision(
                new ChainParameters(Instant.parse("2026-12-01T10:00:00Z"), 2), true));
  }

  @Test
  void aNodeOf010KeepsTheGenesisItsDataDirectoryHeld() {
    Instant legacy = Instant.parse("2026-11-21T22:10:46Z");
    assertThat(
            ChainAgreement.decide(Optional.empty(), Optional.empty(), 4, Optional.of(legacy), NOW)
                .chain()
                .genesis())
        .isEqualTo(legacy);
  }

  @Test
  void laterNodesAdoptTheDatabasesChain() {
    assertThat(
            ChainAgreement.decide(Optional.of(STORED), Optional.empty(), 4, Optional.empty(), NOW))
        .isEqualTo(new ChainAgreement.Decision(STORED, false));
    assertThat(
            ChainAgreement.decide(
                    Optional.of(STORED),
                    Optional.of("2026-11-01T00:00:00Z"),
                    4,
                    Optional.empty(),
                    NOW)
                .chain())
        .isEqualTo(STORED);
    assertThat(
            ChainAgreement.decide(
                    Optional.of(STORED), Optional.empty(), 4, Optional.of(NOW.minusSeconds(9)), NOW)
                .chain())
        .as("the database wins over an old genesis file")
        .isEqualTo(STORED);
  }

  @Test
  void aNodeConfiguredWithAnotherClockRefusesToStart() {
    assertThatThrownBy(
            () ->
                ChainAgreement.decide(
                    Optional.of(STORED),
                    Optional.of("2026-11-02T00:00:00Z"),
                    4,
                    Optional.empty(),
                    NOW))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("genesis-time")
        .hasMessageContaining("2026-11-01T00:00:00Z");
    assertThatThrownBy(
            () ->
                ChainAgreement.decide(
                    Optional.of(STORED), Optional.empty(), 1, Optional.empty(), NOW))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("seconds-per-slot is 1")
        .hasMessageContaining("has 4");
  }
}
