package dev.cachet.xmss;

import static dev.cachet.xmss.TestSeeds.POOL;
import static dev.cachet.xmss.TestSeeds.message;
import static dev.cachet.xmss.TestSeeds.seeds;
import static dev.cachet.xmss.XmssBouncyCastleInteropTest.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Window behaviour on h = 8, d = 2: bottom trees of 16 slots, a lifetime of 256 slots. */
class PreparedWindowTest {

  private static final XmssParameters SMALL = new XmssParameters(8, 2);
  private static final XmssSecretSeeds SEEDS = seeds(82);
  private static final GeneratedKey KEY = XmssKeys.generate(SMALL, SEEDS, 0, POOL);
  private static final PreparedWindow WINDOW = KEY.window().prepareNext(POOL);

  @Test
  void generationPreparesTheActivationSlotsTree() {
    GeneratedKey key = XmssKeys.generate(SMALL, SEEDS, 37, POOL);

    assertThat(key.window().bottomTrees()).containsExactly(2L);
    assertThat(key.window().fromSlot()).isEqualTo(32);
    assertThat(key.window().toSlot()).isEqualTo(47);
    assertThat(key.publicKey()).isEqualTo(KEY.publicKey());
  }

  @Test
  void signsEverySlotOfTheWindowVerifiably() {
    assertThat(WINDOW.bottomTrees()).containsExactly(0L, 1L);
    for (long slot = WINDOW.fromSlot(); slot <= WINDOW.toSlot(); slot++) {
      XmssSignature signature = signed(WINDOW.sign(slot, message(slot)));
      assertThat(signature.index()).isEqualTo(slot);
      assertThat(XmssVerifier.verify(KEY.publicKey(), message(slot), signature)).isTrue();
    }
  }

  @Test
  void reportsNotPreparedForTheSlotOnePastTheWindow() {
    SignOutcome outcome = WINDOW.sign(32, message(32));

    assertThat(outcome)
        .isEqualTo(new SignOutcome.NotPrepared(32, 0, 31, WINDOW.leavesToPrepareFor(32)));
    assertThat(((SignOutcome.NotPrepared) outcome).behindWindow()).isFalse();
    assertThat(WINDOW.leavesToPrepareFor(32)).isPositive();
  }

  @Test
  void signsThatSlotAfterPrepareNextWhileTheOldWindowIsUnchanged() {
    PreparedWindow next = WINDOW.prepareNext(POOL);

    assertThat(next.bottomTrees()).containsExactly(1L, 2L);
    XmssSignature signature = signed(next.sign(32, message(32)));
    assertThat(XmssVerifier.verify(KEY.publicKey(), message(32), signature)).isTrue();
    assertThat(WINDOW.sign(32, message(32))).isInstanceOf(SignOutcome.NotPrepared.class);
    assertThat(next.sign(15, message(15))).isInstanceOf(SignOutcome.NotPrepared.class);
    assertThat(((SignOutcome.NotPrepared) next.sign(15, message(15))).behindWindow()).isTrue();
    assertThat(signed(next.sign(16, message(16)))).isEqualTo(signed(WINDOW.sign(16, message(16))));
  }

  @Test
  void reportsExhaustedPastTheLifetimeAndRefusesToPreparePastTheLastTree() {
    PreparedWindow last = WINDOW.prepareFor(230, POOL).prepareNext(POOL);

    assertThat(last.bottomTrees()).containsExactly(14L, 15L);
    assertThat(last.toSlot()).isEqualTo(255);
    assertThat(signed(last.sign(255, message(255))).index()).isEqualTo(255);
    assertThat(last.sign(256, message(256))).isEqualTo(new SignOutcome.Exhausted(256, 256));
    assertThat(WINDOW.sign(256, message(256))).isInstanceOf(SignOutcome.Exhausted.class);
    assertThat(last.nextBottomTree()).isEmpty();
    assertThat(last.leavesToPrepareNext()).isZero();
    assertThat(last.remainingSlots(250)).isEqualTo(6);
    assertThatThrownBy(() -> last.prepareNext(POOL))
        .isInstanceOf(XmssKeyExhaustedException.class)
        .extracting("code")
        .isEqualTo("XMSS_KEY_EXHAUSTED");
    assertThatThrownBy(() -> last.prepareFor(256, POOL))
        .isInstanceOf(XmssKeyExhaustedException.class);
  }

  @Test
  void catchingUpPreparesOnlyTheSlotsTreeAtTheCostOfOneTree() {
    PreparedWindow caughtUp = WINDOW.prepareFor(200, POOL);

    assertThat(WINDOW.leavesToPrepareFor(200)).isEqualTo(WINDOW.leavesToPrepareNext());
    assertThat(caughtUp.bottomTrees()).containsExactly(12L);
    assertThat(signed(caughtUp.sign(200, message(200))))
        .isEqualTo(
            signed(XmssKeys.generate(SMALL, SEEDS, 200, POOL).window().sign(200, message(200))));
    assertThat(caughtUp.prepareNext(POOL).bottomTrees()).containsExactly(12L, 13L);
    assertThat(WINDOW.prepareFor(20, POOL)).isSameAs(WINDOW);
  }

  @Test
  void catchingUpAcrossAnUpperTreeAlsoBuildsThatTreeOnly() {
    XmssParameters threeLayers = new XmssParameters(12, 3);
    PreparedWindow window = XmssKeys.generate(threeLayers, SEEDS, 0, POOL).window();
    long slot = 3 * 256 + 40; // layer-1 tree 3, bottom tree 50

    assertThat(window.leavesToPrepareFor(slot)).isEqualTo(window.leavesToPrepareNext() + 16);
    PreparedWindow caughtUp = window.prepareFor(slot, POOL);
    XmssSignature signature = signed(caughtUp.sign(slot, message(slot)));
    assertThat(caughtUp.bottomTrees()).containsExactly(50L);
    assertThat(XmssVerifier.verify(caughtUp.publicKey(), message(slot), signature)).isTrue();
  }

  @Test
  void signaturesDoNotDependOnTheRetainedLevels() {
    for (RetainedLevels retained :
        List.of(new RetainedLevels(0, 0), new RetainedLevels(2, 1), new RetainedLevels(20, 20))) {
      PreparedWindow window = XmssKeys.generate(SMALL, SEEDS, 0, retained, POOL).window();
      for (long slot : new long[] {0, 5, 15}) {
        assertThat(signed(window.sign(slot, message(slot))))
            .isEqualTo(signed(WINDOW.sign(slot, message(slot))));
      }
    }
  }

  @Test
  void signingTheSameSlotAndMessageAgainGivesTheSameSignature() {
    XmssSignature first = signed(WINDOW.sign(3, message(3)));
    signed(WINDOW.sign(27, message(27))); // another block in between

    assertThat(signed(WINDOW.sign(3, message(3)))).isEqualTo(first);
    assertThat(signed(WINDOW.sign(3, message(4)))).isNotEqualTo(first);
  }

  @Test
  void precomputingABlockKeepsItForSigningWithoutChangingSignatures() {
    PreparedWindow window =
        XmssKeys.generate(SMALL, SEEDS, 40, new RetainedLevels(2, 4), POOL).window();
    long before = window.retainedBytes();

    assertThat(window.precomputeBlock(44)).isTrue();
    assertThat(window.retainedBytes()).isGreaterThan(before);
    assertThat(window.precomputeBlock(48)).isFalse();
    assertThat(signed(window.sign(45, message(45))))
        .isEqualTo(signed(WINDOW.prepareFor(45, POOL).sign(45, message(45))));
  }

  @Test
  void refusesToSignWhenTheSeedsDoNotReproduceTheWindowsTree() {
    XmssSecretSeeds other =
        XmssSecretSeeds.of(seeds(1).secretKeySeed(), SEEDS.secretKeyPrf(), SEEDS.publicSeed());
    PreparedWindow window =
        XmssKeys.generate(SMALL, SEEDS, 0, new RetainedLevels(2, 4), POOL).window();
    PreparedWindow mismatched =
        new PreparedWindow(
            window.publicKey(), other, window.retainedLevels(), window.treesView(), window.path());

    assertThatThrownBy(() -> mismatched.sign(1, message(1)))
        .isInstanceOf(XmssWindowMismatchException.class);
  }

  @Test
  void refusesANegativeSlot() {
    assertThatThrownBy(() -> WINDOW.sign(-1, message(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void windowDecodedFromItsEncodingSignsIdentically() {
    PreparedWindow decoded = PreparedWindow.decode(WINDOW.encode(), SEEDS);

    assertThat(decoded.bottomTrees()).isEqualTo(WINDOW.bottomTrees());
    assertThat(decoded.publicKey()).isEqualTo(KEY.publicKey());
    assertThat(decoded.encode()).isEqualTo(WINDOW.encode());
    for (long slot : new long[] {0, 7, 16, 31}) {
      assertThat(signed(decoded.sign(slot, message(slot))))
          .isEqualTo(signed(WINDOW.sign(slot, message(slot))));
    }
    assertThat(decoded.prepareNext(POOL).encode()).isEqualTo(WINDOW.prepareNext(POOL).encode());
  }

  @Test
  void productionDefaultWindowHoldsTheDocumentedBytes() {
    XmssParameters p = XmssParameters.PRODUCTION;
    long bottomTree = TreeLevels.byteSize(16, 5) + p.layerSignatureLength();
    long held = 2 * bottomTree + TreeLevels.byteSize(16, 8);

    assertThat(held).isEqualTo(283_744);
    assertThat(WindowCodec.encodedLength(p, RetainedLevels.DEFAULT, 2))
        .isEqualTo(70 + held + 2 * 8 + 8);
    assertThat(2L * TreeLevels.byteSize(16, 0)).isEqualTo(8L * 1024 * 1024 - 64);
  }
}
