package dev.cachet.keysign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachet.error.GoneException;
import dev.cachet.error.InvalidRequestException;
import dev.cachet.frost.DealtKeys;
import dev.cachet.frost.Signature;
import dev.cachet.keysign.DigestBook.Item;
import dev.cachet.keysign.DigestBook.Offered;
import dev.cachet.keysign.DigestBook.Work;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DigestBookTest {

  private static final int SIZE = 10;
  private static final List<TxDigest> DIGESTS = new ArrayList<>();
  private static final List<Signature> SIGNATURES = new ArrayList<>();

  /** Real signatures (of the digests {@code d(0..39)}) from dealt keys. */
  @BeforeAll
  static void sign() {
    DealtKeys dealt = Fixtures.deal(2, 3, 11);
    for (int n = 0; n < 40; n++) {
      DIGESTS.add(d(n));
    }
    SIGNATURES.addAll(Fixtures.sign(dealt, DIGESTS, 11));
  }

  private static TxDigest d(long nonce) {
    return Fixtures.digest(1, nonce, 0);
  }

  /** Another digest for the nonce: a replacement. */
  private static TxDigest other(long nonce) {
    return Fixtures.digest(1, nonce, 1);
  }

  private static Signature sig(long nonce) {
    return SIGNATURES.get((int) nonce);
  }

  private static DigestBook book(long low, long high, long... held) {
    DigestBook book = new DigestBook(SIZE, low, high);
    for (long n : held) {
      assertThat(book.offer(n, d(n))).isEqualTo(Offered.STORED);
    }
    return book;
  }

  private static long[] range(long from, long toExclusive) {
    return LongStream.range(from, toExclusive).toArray();
  }

  private static void signAll(DigestBook book, long... nonces) {
    for (long n : nonces) {
      assertThat(book.signed(n, d(n), sig(n))).isTrue();
    }
  }

  private static List<Long> nonces(Work work) {
    return work.items().stream().map(Item::nonce).toList();
  }

  @Nested
  class BatchArithmetic {

    @Test
    void aNonceIsInBatchNonceDividedBySize() {
      assertThat(Batches.batchOf(0, 10)).isZero();
      assertThat(Batches.batchOf(9, 10)).isZero();
      assertThat(Batches.batchOf(10, 10)).isEqualTo(1);
      assertThat(Batches.batchOf(12_345, 10)).isEqualTo(1_234);
      assertThat(Batches.batchOf(7, 1)).isEqualTo(7);
      assertThat(Batches.batchOf(199, 100)).isEqualTo(1);
      for (int size = 1; size <= 13; size++) {
        for (long n = 0; n < 60; n++) {
          long b = Batches.batchOf(n, size);
          assertThat(n).isBetween(Batches.firstNonce(b, size), Batches.lastNonce(b, size));
        }
      }
    }

    @Test
    void aBatchCoversSizeNonces() {
      assertThat(Batches.firstNonce(0, 10)).isZero();
      assertThat(Batches.lastNonce(0, 10)).isEqualTo(9);
      assertThat(Batches.firstNonce(3, 10)).isEqualTo(30);
      assertThat(Batches.lastNonce(3, 10)).isEqualTo(39);
      assertThat(Batches.firstNonce(5, 1)).isEqualTo(5);
      assertThat(Batches.lastNonce(5, 1)).isEqualTo(5);
      assertThatThrownBy(() -> Batches.firstNonce(Long.MAX_VALUE, 10))
          .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void aSizeIsOneToOneHundred() {
      assertThat(Batches.checkSize(1)).isEqualTo(1);
      assertThat(Batches.checkSize(100)).isEqualTo(100);
      assertThat(Batches.DEFAULT_SIZE).isEqualTo(10);
      for (long bad : new long[] {0, -1, 101, Integer.MAX_VALUE + 1L}) {
        assertThatThrownBy(() -> Batches.checkSize(bad))
            .isInstanceOfSatisfying(
                InvalidKeysignException.class,
                e -> assertThat(e.code()).isEqualTo("INVALID_BATCH_SIZE"));
      }
      assertThatThrownBy(() -> new DigestBook(0, 0, 0)).isInstanceOf(InvalidKeysignException.class);
    }
  }

  @Nested
  class Decisions {

    @Test
    void noDigestHeldStoresIt() {
      DigestBook book = book(0, 0);
      assertThat(book.decide(3, d(3))).isEqualTo(Offered.STORED);
      assertThat(book.entry(3)).isEmpty(); // decide changes nothing
      assertThat(book.offer(3, d(3))).isEqualTo(Offered.STORED);
      assertThat(book.entry(3)).contains(new DigestBook.Entry(d(3), Optional.empty()));
    }

    @Test
    void theSameDigestNotSignedIsUnchanged() {
      DigestBook book = book(0, 0, 3);
      assertThat(book.decide(3, d(3))).isEqualTo(Offered.UNCHANGED);
      assertThat(book.offer(3, d(3))).isEqualTo(Offered.UNCHANGED);
      assertThat(book.entry(3)).contains(new DigestBook.Entry(d(3), Optional.empty()));
    }

    @Test
    void theSameDigestSignedAnswersWithItsSignature() {
      DigestBook book = book(0, 0, 3);
      assertThat(book.signed(3, d(3), sig(3))).isTrue();
      assertThat(book.decide(3, d(3))).isEqualTo(Offered.SIGNED);
      assertThat(book.offer(3, d(3))).isEqualTo(Offered.SIGNED);
      assertThat(book.entry(3)).contains(new DigestBook.Entry(d(3), Optional.of(sig(3))));
    }

    @Test
    void aDifferentDigestReplacesAndForgetsTheOldSignature() {
      DigestBook book = book(0, 0, range(0, 10));
      signAll(book, range(0, 10));
      assertThat(book.next()).isEmpty();
      assertThat(book.decide(4, other(4))).isEqualTo(Offered.REPLACED);
      assertThat(book.entry(4).get().signature()).contains(sig(4)); // decide changes nothing
      assertThat(book.offer(4, other(4))).isEqualTo(Offered.REPLACED);
      assertThat(book.entry(4)).contains(new DigestBook.Entry(other(4), Optional.empty()));
      // the old signature is gone for good: the old digest is now a replacement of its own
      assertThat(book.decide(4, d(4))).isEqualTo(Offered.REPLACED);
      assertThat(book.next()).contains(new Work(0, List.of(new Item(4, other(4)))));
      // a signature of the replaced digest is not taken
      assertThat(book.signed(4, d(4), sig(4))).isFalse();
      assertThat(book.entry(4).get().signature()).isEmpty();
    }

    @Test
    void aDifferentDigestNotSignedReplacesToo() {
      DigestBook book = book(0, 0, 0, 1, 2);
      assertThat(book.offer(2, other(2))).isEqualTo(Offered.REPLACED);
      assertThat(book.entry(2)).contains(new DigestBook.Entry(other(2), Optional.empty()));
      assertThat(book.next())
          .contains(
              new Work(0, List.of(new Item(0, d(0)), new Item(1, d(1)), new Item(2, other(2)))));
    }

    @Test
    void aNonceBelowLowIsGone() {
      DigestBook book = book(5, 8, 5, 6);
      for (long n : new long[] {0, 4}) {
        assertThatThrownBy(() -> book.decide(n, d(n)))
            .isInstanceOfSatisfying(
                GoneException.class, e -> assertThat(e.code()).isEqualTo("NONCE_STALE"));
        assertThatThrownBy(() -> book.offer(n, d(n)))
            .isInstanceOfSatisfying(
                GoneException.class, e -> assertThat(e.code()).isEqualTo("NONCE_STALE"));
        assertThatThrownBy(() -> book.checkNotStale(n)).isInstanceOf(GoneException.class);
      }
      assertThat(book.entry(4)).isEmpty();
      assertThat(book.decide(5, d(5))).isEqualTo(Offered.UNCHANGED);
    }

    @Test
    void lowNeverMovesBackwards() {
      DigestBook book = book(0, 0, range(0, 12));
      book.pending(7, 12);
      assertThatThrownBy(() -> book.pending(6, 12))
          .isInstanceOfSatisfying(
              InvalidKeysignException.class,
              e -> assertThat(e.code()).isEqualTo("NONCE_REGRESSION"))
          .isInstanceOf(InvalidRequestException.class); // a 400
      assertThatThrownBy(() -> book.checkPending(0, 12))
          .isInstanceOfSatisfying(
              InvalidKeysignException.class,
              e -> assertThat(e.code()).isEqualTo("NONCE_REGRESSION"));
      assertThat(book.low()).isEqualTo(7); // nothing changed
      assertThat(book.observedHigh()).isEqualTo(12);
    }

    @Test
    void aPendingRangeIsOrdered() {
      DigestBook book = book(3, 5);
      for (long[] bad : new long[][] {{5, 4}, {-1, 4}, {-2, -1}}) {
        assertThatThrownBy(() -> book.pending(bad[0], bad[1]))
            .isInstanceOfSatisfying(
                InvalidKeysignException.class,
                e -> assertThat(e.code()).isEqualTo("INVALID_PENDING"));
      }
      book.pending(3, 3); // empty but valid
      assertThat(book.low()).isEqualTo(3);
    }

    @Test
    void raisingLowPrunesTheNoncesBelowIt() {
      DigestBook book = book(0, 0, range(0, 15));
      signAll(book, 0, 1, 2);
      book.pending(12, 20);
      for (long n = 0; n < 12; n++) {
        assertThat(book.entry(n)).as("nonce %d", n).isEmpty();
      }
      assertThat(book.entry(12)).isPresent();
      assertThat(book.next()).contains(new Work(1, items(12, 13, 14)));
      book.pending(12, 20); // the same range again: no change
      assertThat(book.entry(12)).isPresent();
    }

    @Test
    void aSignatureIsStoredOnlyForTheHeldUnsignedDigest() {
      DigestBook book = book(0, 0, 0, 1);
      assertThat(book.signed(2, d(2), sig(2))).isFalse(); // no digest held
      assertThat(book.signed(0, other(0), sig(0))).isFalse(); // another digest
      assertThat(book.signed(0, d(0), sig(0))).isTrue();
      assertThat(book.signed(0, d(0), sig(1))).isFalse(); // already signed: kept as it was
      assertThat(book.entry(0).get().signature()).contains(sig(0));
      assertThat(book.digestsSigned()).isEqualTo(1);
      book.batchSigned();
      assertThat(book.batchesSigned()).isEqualTo(1);
    }

    @Test
    void aLoadedEntryBelowLowIsDropped() {
      DigestBook book = new DigestBook(SIZE, 5, 10);
      book.load(4, new DigestBook.Entry(d(4), Optional.of(sig(4))));
      book.load(6, new DigestBook.Entry(d(6), Optional.of(sig(6))));
      assertThat(book.entry(4)).isEmpty();
      assertThat(book.decide(6, d(6))).isEqualTo(Offered.SIGNED);
    }
  }

  @Nested
  class NextWork {

    @Test
    void nothingHeldIsNoWork() {
      assertThat(book(0, 0).next()).isEmpty();
      assertThat(book(0, 30).next()).isEmpty();
    }

    @Test
    void theGapFreeRunFromTheFirstUnsignedPendingNonce() {
      DigestBook book = book(0, 0, range(0, 5));
      assertThat(book.next()).contains(new Work(0, items(0, 1, 2, 3, 4)));
      signAll(book, 0, 1);
      assertThat(book.next()).contains(new Work(0, items(2, 3, 4)));
      signAll(book, 2, 3, 4);
      assertThat(book.next()).isEmpty();
    }

    @Test
    void aGapHoldsBackOnlyTheNoncesAfterIt() {
      DigestBook book = book(0, 0, 0, 1, 3, 4);
      assertThat(book.next()).contains(new Work(0, items(0, 1)));
      signAll(book, 0, 1);
      assertThat(book.next()).isEmpty(); // 2 has no digest: 3 and 4 wait
      assertThat(book.offer(2, d(2))).isEqualTo(Offered.STORED);
      assertThat(book.next()).contains(new Work(0, items(2, 3, 4)));
    }

    @Test
    void aRunNeverCrossesABatchBoundary() {
      DigestBook book = book(0, 0, range(0, 25));
      assertThat(book.next()).contains(new Work(0, items(range(0, 10))));
      signAll(book, range(0, 10));
      assertThat(book.next()).contains(new Work(1, items(range(10, 20))));
      signAll(book, range(10, 17));
      assertThat(book.next()).contains(new Work(1, items(17, 18, 19)));
      signAll(book, 17, 18, 19);
      assertThat(book.next()).contains(new Work(2, items(range(20, 25))));
    }

    @Test
    void aReplacedNonceInsideASignedBatchIsOfferedAlone() {
      DigestBook book = book(0, 0, range(0, 20));
      signAll(book, range(0, 20));
      assertThat(book.offer(13, other(13))).isEqualTo(Offered.REPLACED);
      assertThat(book.next()).contains(new Work(1, List.of(new Item(13, other(13)))));
      // two replaced nonces of one batch, side by side, go together; not across a signed one
      assertThat(book.offer(14, other(14))).isEqualTo(Offered.REPLACED);
      assertThat(book.offer(16, other(16))).isEqualTo(Offered.REPLACED);
      assertThat(book.next())
          .contains(new Work(1, List.of(new Item(13, other(13)), new Item(14, other(14)))));
      // an earlier replaced nonce comes first
      assertThat(book.offer(2, other(2))).isEqualTo(Offered.REPLACED);
      assertThat(book.next()).contains(new Work(0, List.of(new Item(2, other(2)))));
    }

    @Test
    void nothingWhenTheFirstUnsignedNonceHasNoDigest() {
      DigestBook book = book(0, 0, range(1, 8));
      assertThat(book.next()).isEmpty();
      DigestBook signedThenGap = book(0, 0, 0, 1, 2, 4, 5);
      signAll(signedThenGap, 0, 1, 2);
      assertThat(signedThenGap.next()).isEmpty();
      // a pending range whose low has no digest: nothing either
      DigestBook pending = book(0, 0, range(4, 9));
      pending.pending(3, 9);
      assertThat(pending.next()).isEmpty();
    }

    @Test
    void aRunStartsAtLowInsideItsBatch() {
      DigestBook book = book(0, 0, range(10, 20));
      book.pending(13, 20);
      assertThat(book.next()).contains(new Work(1, items(range(13, 20))));
    }

    @Test
    void aHeldDigestAboveTheObservedHighExtendsTheRange() {
      DigestBook book = book(0, 3, range(0, 6));
      assertThat(book.observedHigh()).isEqualTo(3);
      assertThat(book.high()).isEqualTo(6);
      assertThat(book.next()).contains(new Work(0, items(range(0, 6))));
      assertThat(book.unsigned(100)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
      assertThat(book.pendingCount()).isEqualTo(6);
    }

    @Test
    void unsignedListsHeldAndMissingNoncesOfThePendingRange() {
      DigestBook book = book(0, 8, 0, 1, 3, 5);
      signAll(book, 0, 3);
      assertThat(book.unsigned(100)).containsExactly(1L, 2L, 4L, 5L, 6L, 7L);
      assertThat(book.unsigned(2)).containsExactly(1L, 2L);
      assertThat(book.pendingCount()).isEqualTo(6);
      book.pending(4, 8);
      assertThat(book.unsigned(100)).containsExactly(4L, 5L, 6L, 7L);
      assertThat(book.pendingCount()).isEqualTo(4);
    }

    @Test
    void batchSizeOneSignsOneNonceAtATime() {
      DigestBook book = new DigestBook(1, 0, 0);
      for (long n = 0; n < 3; n++) {
        book.offer(n, d(n));
      }
      assertThat(book.next()).contains(new Work(0, items(0)));
      signAll(book, 0);
      assertThat(book.next()).contains(new Work(1, items(1)));
    }
  }

  private static List<Item> items(long... nonces) {
    return LongStream.of(nonces).mapToObj(n -> new Item(n, d(n))).toList();
  }
}
