package dev.cachet.web.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.blob.BlobTooLargeException;
import dev.cachet.committee.CommitteeExistsException;
import dev.cachet.committee.CommitteeNotFoundException;
import dev.cachet.committee.GenesisNotConfiguredException;
import dev.cachet.committee.InvalidCommitteeException;
import dev.cachet.committee.StoredCommitteeCorruptException;
import dev.cachet.error.CachetException;
import dev.cachet.error.PeerFaultException;
import dev.cachet.error.RetryLaterException;
import dev.cachet.keys.KeyExhaustedException;
import dev.cachet.keys.KeyExistsException;
import dev.cachet.keys.KeyNotFoundException;
import dev.cachet.keys.KeyNotPreparedException;
import dev.cachet.keys.KeyRole;
import dev.cachet.keys.SlotAlreadySignedException;
import dev.cachet.keys.ValidatorKeyId;
import dev.cachet.node.IdentityKey;
import dev.cachet.node.IdentityNotLoadedException;
import dev.cachet.peer.NotAMemberException;
import dev.cachet.state.StateEnvelopeException;
import dev.cachet.state.StateKeyMismatchException;
import dev.cachet.state.StateKeyUnavailableException;
import dev.cachet.state.StateRollbackException;
import dev.cachet.xmss.XmssParametersException;
import dev.cachet.xmss.XmssWindowMismatchException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The status table, by real failures of every family: the statuses README documents for their codes
 * stay as they were, a corrupt envelope is no longer a 409 conflict, a peer's fault is 502, and a
 * peer outside the committee is 403.
 */
class ErrorStatusTest {

  private static final ValidatorKeyId KEY = new ValidatorKeyId(7, KeyRole.ATTESTATION);

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(
            new XmssParametersException("INVALID_PARAMETERS", "no such parameter set"), 400),
        Arguments.of(new NotAMemberException(IdentityKey.parse("ab".repeat(32)), "epoch 7"), 403),
        Arguments.of(new KeyNotFoundException(KEY), 404),
        Arguments.of(new CommitteeNotFoundException(7), 404),
        Arguments.of(new CommitteeExistsException(7), 409),
        Arguments.of(new InvalidCommitteeException("no members"), 400),
        Arguments.of(new GenesisNotConfiguredException(), 400),
        Arguments.of(new StoredCommitteeCorruptException(7, "truncated"), 500),
        Arguments.of(new IdentityNotLoadedException("no state key"), 503),
        Arguments.of(
            new dev.cachet.web.RequestTimeoutException("too slow", new java.io.IOException()), 408),
        Arguments.of(new KeyExistsException(KEY, dev.cachet.keys.KeyState.ACTIVE), 409),
        Arguments.of(new SlotAlreadySignedException(KEY, 5, "signed"), 409),
        Arguments.of(new StateRollbackException("keys/7", 1, 2), 409),
        Arguments.of(new StateKeyMismatchException("keys/7", "a", "b"), 409),
        Arguments.of(new KeyExhaustedException(KEY, 300, 256), 410),
        Arguments.of(new BlobTooLargeException(16), 413),
        Arguments.of(new StateEnvelopeException("STATE_AUTHENTICATION_FAILED", "altered"), 500),
        Arguments.of(new XmssWindowMismatchException("not this key's window"), 500),
        Arguments.of(new PeerFaultException("bad share", List.of("participant 3")), 502),
        Arguments.of(new KeyNotPreparedException(KEY, 9, "0..3", Duration.ofSeconds(4)), 503),
        Arguments.of(new StateKeyUnavailableException("down"), 503),
        Arguments.of(new CachetException("NO_FAMILY", "a bug") {}, 500));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void eachFamilyHasOneStatus(CachetException failure, int status) {
    assertThat(ErrorStatus.of(failure)).as(failure.code()).isEqualTo(status);
  }

  @ParameterizedTest
  @MethodSource("waits")
  void retryAfterIsWholeSecondsRoundedUpAndCapped(Duration wait, long seconds) {
    assertThat(ErrorStatus.retryAfterSeconds(wait)).isEqualTo(seconds);
  }

  static Stream<Arguments> waits() {
    return Stream.of(
        Arguments.of(Duration.ZERO, 1L),
        Arguments.of(Duration.ofMillis(1), 1L),
        Arguments.of(Duration.ofMillis(1001), 2L),
        Arguments.of(Duration.ofSeconds(90), 90L),
        Arguments.of(Duration.ofDays(1), 86_400L),
        Arguments.of(Duration.ofDays(400), 86_400L),
        Arguments.of(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999), 86_400L),
        Arguments.of(Duration.ofSeconds(-5), 1L));
  }

  @org.junit.jupiter.api.Test
  void aNotYetFailureNeverAsksForMoreThanADay() {
    RetryLaterException far = new RetryLaterException("LATER", "far", Duration.ofDays(30));
    assertThat(ErrorStatus.retryAfterSeconds(far.retryAfter())).isEqualTo(86_400L);
  }
}
