package dev.cachet.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.node.IdentityKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PeerHealthTest {

  private static final IdentityKey A = IdentityKey.of(new byte[32]);
  private static final IdentityKey B = IdentityKey.of(filled(1));

  private Instant now = Instant.parse("2026-12-02T00:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  @Test
  void opensAPeersCircuitAfterTheThresholdAndLetsOneTrialThroughLater() {
    PeerHealth health = new PeerHealth(clock, 3, Duration.ofSeconds(5));
    for (int i = 0; i < 3; i++) {
      assertThat(health.allow(A)).isTrue();
      health.failed(A, "connect refused");
    }
    assertThat(health.allow(A)).isFalse();
    assertThat(health.state(A).circuit()).isEqualTo(PeerHealth.Circuit.OPEN);
    assertThat(health.allow(B)).as("another peer's circuit is its own").isTrue();
    now = now.plusSeconds(5);
    assertThat(health.allow(A)).as("the trial call").isTrue();
    assertThat(health.allow(A)).as("only one trial at a time").isFalse();
    health.failed(A, "read timed out");
    assertThat(health.allow(A)).isFalse();
    now = now.plusSeconds(5);
    assertThat(health.allow(A)).isTrue();
    health.succeeded(A);
    assertThat(health.allow(A)).isTrue();
    PeerHealth.PeerState state = health.state(A);
    assertThat(state.circuit()).isEqualTo(PeerHealth.Circuit.CLOSED);
    assertThat(state.consecutiveFailures()).isZero();
    assertThat(state.lastFailureCause()).hasValue("read timed out");
    assertThat(state.requests()).isEqualTo(5);
    assertThat(state.failures()).isEqualTo(4);
  }

  private static byte[] filled(int b) {
    byte[] bytes = new byte[32];
    java.util.Arrays.fill(bytes, (byte) b);
    return bytes;
  }
}
