package dev.cachet.frost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Batched sessions: many messages in one session, and nonces that sign once only. */
class BatchSessionTest {

  private final DealtKeys keys = Sessions.deal(Ciphersuites.SECP256K1_SHA256, 3, 5, 100);
  private final Coordinator coordinator = new Coordinator(keys.group());

  @Test
  void aBatchOfOneHundredMessagesSignsAndEverySignatureVerifies() {
    List<Message> messages = Sessions.messages(100, 1);

    List<Signature> signatures = Sessions.sign(keys, Sessions.ids(1, 3, 5), messages, 1);

    assertThat(signatures).hasSize(100);
    for (int k = 0; k < 100; k++) {
      assertThat(keys.groupPublicKey().verify(messages.get(k), signatures.get(k)))
          .as("message %d", k)
          .isTrue();
    }
    assertThat(signatures.stream().map(Signature::r).distinct()).hasSize(100);
  }

  @Test
  void aRoundOneStateRefusesToSignTwice() {
    List<RoundOneState> states = Sessions.roundOne(keys, Sessions.ids(1, 2, 3), 2, 2);
    SigningPackage signingPackage =
        coordinator.signingPackage(Sessions.messages(2, 2), Sessions.commitments(states));
    RoundOneState state = states.get(0);
    state.sign(signingPackage);

    assertThat(state.consumed()).isTrue();
    assertThatThrownBy(() -> state.sign(signingPackage))
        .isInstanceOf(NoncesConsumedException.class)
        .extracting("code")
        .isEqualTo("FROST_NONCES_CONSUMED");
  }

  @Test
  void aRoundOneStateRefusesASecondPackageWithOtherMessages() {
    List<RoundOneState> states = Sessions.roundOne(keys, Sessions.ids(1, 2, 3), 1, 3);
    List<BatchCommitments> commitments = Sessions.commitments(states);
    RoundOneState state = states.get(1);
    state.sign(coordinator.signingPackage(Sessions.messages(1, 3), commitments));

    SigningPackage other = coordinator.signingPackage(Sessions.messages(1, 4), commitments);
    assertThatThrownBy(() -> state.sign(other)).isInstanceOf(NoncesConsumedException.class);
  }

  @Test
  void aRefusedPackageLeavesTheNoncesUnused() {
    List<RoundOneState> states = Sessions.roundOne(keys, Sessions.ids(1, 2, 3, 4), 1, 5);
    RoundOneState state = states.get(0);
    List<Message> messages = Sessions.messages(1, 5);
    SigningPackage withoutMe =
        coordinator.signingPackage(messages, Sessions.commitments(states.subList(1, 4)));

    assertThatThrownBy(() -> state.sign(withoutMe))
        .isInstanceOf(InvalidSigningPackageException.class)
        .extracting("code")
        .isEqualTo("FROST_SIGNER_NOT_IN_PACKAGE");
    assertThat(state.consumed()).isFalse();

    SigningPackage withMe =
        coordinator.signingPackage(messages, Sessions.commitments(states.subList(0, 3)));
    List<SignatureShares> shares = states.subList(0, 3).stream().map(s -> s.sign(withMe)).toList();
    Signature signature = coordinator.aggregate(withMe, shares).get(0);
    assertThat(keys.groupPublicKey().verify(messages.get(0), signature)).isTrue();
  }

  @Test
  void concurrentAttemptsToSignYieldExactlyOneShare() throws Exception {
    List<RoundOneState> states = Sessions.roundOne(keys, Sessions.ids(2, 4, 5), 4, 6);
    SigningPackage signingPackage =
        coordinator.signingPackage(Sessions.messages(4, 6), Sessions.commitments(states));
    RoundOneState state = states.get(2);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> attempts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        attempts.add(pool.submit(new SignAttempt(state, signingPackage, start)));
      }
      start.countDown();
      int succeeded = 0;
      for (Future<Boolean> attempt : attempts) {
        succeeded += attempt.get() ? 1 : 0;
      }
      assertThat(succeeded).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  /** One thread's attempt to sign with a shared round-one state. */
  private static final class SignAttempt implements Callable<Boolean> {
    private final RoundOneState state;
    private final SigningPackage signingPackage;
    private final CountDownLatch start;

    SignAttempt(RoundOneState state, SigningPackage signingPackage, CountDownLatch start) {
      this.state = state;
      this.signingPackage = signingPackage;
      this.start = start;
    }

    @Override
    public Boolean call() throws InterruptedException {
      start.await();
      try {
        state.sign(signingPackage);
        return true;
      } catch (NoncesConsumedException refused) {
        return false;
      }
    }
  }
}
