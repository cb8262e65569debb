package dev.cachet.keysign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachet.error.CachetException;
import dev.cachet.error.ConflictException;
import dev.cachet.error.ForbiddenException;
import dev.cachet.error.GoneException;
import dev.cachet.error.RetryLaterException;
import dev.cachet.error.UnknownResourceException;
import dev.cachet.frost.BatchCommitments;
import dev.cachet.frost.Coordinator;
import dev.cachet.frost.DealtKeys;
import dev.cachet.frost.Message;
import dev.cachet.frost.RoundOneState;
import dev.cachet.frost.Signer;
import dev.cachet.frost.SigningPackage;
import dev.cachet.keysign.Cluster.Event;
import dev.cachet.keysign.DigestBook.Item;
import dev.cachet.keysign.KeysignObserver.Abort;
import dev.cachet.keysign.KeysignWire.CommitAnswer;
import dev.cachet.keysign.KeysignWire.CommitRequest;
import dev.cachet.keysign.KeysignWire.Session;
import dev.cachet.keysign.KeysignWire.SharesAnswer;
import dev.cachet.keysign.KeysignWire.SignRequest;
import dev.cachet.keysign.KeysignWire.SignedItem;
import dev.cachet.peer.MessageKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KeysignEngineTest {

  private static final long CHAIN = 56;
  private static final long T = 10_000;
  private static final long DELAY = 10;
  private static final KeysignSettings SETTINGS = new KeysignSettings(T, 500, 100_000);

  private static Map<Long, TxDigest> digests(long from, long to, int version) {
    Map<Long, TxDigest> out = new TreeMap<>();
    for (long n = from; n < to; n++) {
      out.put(n, Fixtures.digest(CHAIN, n, version));
    }
    return out;
  }

  private static Cluster cluster(long seed) {
    return new Cluster(3, 5, seed, DELAY, SETTINGS);
  }

  /** Node {@code i} holds a verifying signature of exactly {@code digest} for {@code nonce}. */
  private static void holdsSignature(Cluster c, int i, long nonce, TxDigest digest) {
    Optional<DigestBook.Entry> e = c.stores[i].entry(CHAIN, nonce);
    assertThat(e).as("node %d nonce %d", i, nonce).isPresent();
    assertThat(e.get().digest()).as("node %d nonce %d", i, nonce).isEqualTo(digest);
    assertThat(e.get().signature()).as("node %d nonce %d signed", i, nonce).isPresent();
    assertThat(
            IndependentSchnorr.verify(c.dealt.groupPublicKey(), digest, e.get().signature().get()))
        .as("node %d nonce %d verifies", i, nonce)
        .isTrue();
    KeysignEngine.Offer offer = c.engines[i].signature(CHAIN, nonce);
    assertThat(offer.digest()).isEqualTo(digest);
    assertThat(offer.signature()).isEqualTo(e.get().signature());
  }

  private static void holdsSignatureOn(Cluster c, long chain, int i, long nonce, TxDigest digest) {
    Optional<DigestBook.Entry> e = c.stores[i].entry(chain, nonce);
    assertThat(e.map(DigestBook.Entry::digest)).as("node %d nonce %d", i, nonce).contains(digest);
    assertThat(e.get().signature()).as("node %d nonce %d signed", i, nonce).isPresent();
    assertThat(
            IndependentSchnorr.verify(c.dealt.groupPublicKey(), digest, e.get().signature().get()))
        .isTrue();
  }

  private static void unsigned(Cluster c, int i, long nonce) {
    assertThat(c.stores[i].entry(CHAIN, nonce).flatMap(DigestBook.Entry::signature))
        .as("node %d nonce %d", i, nonce)
        .isEmpty();
  }

  private static Set<String> tags(InMemoryKeysignStore store) {
    return store.releases().stream().map(r -> r.session().name()).collect(Collectors.toSet());
  }

  // ---------------------------------------------------------------- scheduling

  @Nested
  class Scheduling {

    @Test
    void batchesAreSignedOneAfterAnotherInNonceOrder() {
      Cluster c = cluster(1).startAll(CHAIN, 10);
      long t0 = c.timer.now();
      Map<Long, TxDigest> ds = digests(0, 30, 0);
      c.offerAll(CHAIN, ds);
      c.timer.advance(T / 2);

      List<Event> started = c.events("started");
      List<Event> signed = c.events("signed");
      assertThat(c.events("aborted")).isEmpty();
      assertThat(started).hasSize(3);
      assertThat(signed).hasSize(3);
      for (int b = 0; b < 3; b++) {
        Session s = signed.get(b).session();
        assertThat(s.batch()).isEqualTo(b);
        assertThat(s.attempt()).isZero();
        assertThat(signed.get(b).node()).isEqualTo(c.coordinator(CHAIN, b, 0));
        assertThat(started.get(b).session()).isEqualTo(s);
        // each session: commit and answer, sign and answer
        assertThat(signed.get(b).at() - started.get(b).at()).isEqualTo(4 * DELAY);
      }
      assertThat(started.get(0).at()).isEqualTo(t0);
      // session N+1 starts as soon as session N ends: at once on the same coordinator, or when
      // the signatures reach the next one
      for (int b = 0; b + 1 < 3; b++) {
        long gap = started.get(b + 1).at() - signed.get(b).at();
        boolean same = c.coordinator(CHAIN, b, 0) == c.coordinator(CHAIN, b + 1, 0);
        assertThat(gap).as("batch %d to %d", b, b + 1).isEqualTo(same ? 0 : DELAY);
      }
      for (int i = 0; i < 5; i++) {
        for (long n = 0; n < 30; n++) {
          holdsSignature(c, i, n, ds.get(n));
        }
        List<Long> order = c.stores[i].signaturesSaved().stream().map(SignedItem::nonce).toList();
        assertThat(order).as("node %d stores in nonce order", i).isSorted().hasSize(30);
        KeysignEngine.ChainView view = c.engines[i].view(CHAIN);
        assertThat(view.pending()).isEmpty();
        assertThat(view.pendingCount()).isZero();
        assertThat(view.session()).isEmpty();
      }
      // three shares per session: the coordinator's and two participants'
      int releases = 0;
      for (InMemoryKeysignStore s : c.stores) {
        releases += s.releases().size();
        assertThat(tags(s)).hasSize(s.releases().size());
      }
      assertThat(releases).isEqualTo(9);
      assertThat(c.deliveryFailures).isEmpty();
      assertThat(c.refusals).isEmpty();
    }

    @Test
    void aDigestArrivingLaterStartsItsBatchAtOnce() {
      Cluster c = cluster(2).startAll(CHAIN, 10);
      c.offerAll(CHAIN, digests(0, 10, 0));
      c.timer.advance(T / 2);
      assertThat(c.events("signed")).hasSize(1);
      long at = c.timer.now();
      c.offerAll(CHAIN, digests(10, 13, 0));
      c.timer.advance(T / 2);
      List<Event> started = c.events("started");
      assertThat(started).hasSize(2);
      assertThat(started.get(1).at()).isEqualTo(at);
      assertThat(started.get(1).session().batch()).isEqualTo(1);
      for (int i = 0; i < 5; i++) {
        for (long n = 10; n < 13; n++) {
          holdsSignature(c, i, n, Fixtures.digest(CHAIN, n, 0));
        }
      }
    }

    @Test
    void aCrashedCoordinatorDelaysItsBatchByExactlyOneSessionTimeout() {
      Cluster probe = cluster(3);
      int c0 = probe.coordinator(CHAIN, 0, 0);
      int c1 = probe.coordinator(CHAIN, 0, 1);
      Cluster c = probe.startAll(CHAIN, 10, c0);
      long t0 = c.timer.now();
      Map<Long, TxDigest> ds = digests(0, 10, 0);
      c.offerAll(CHAIN, ds);

      c.timer.advanceTo(t0 + T - 1);
      assertThat(c.events("started")).isEmpty();
      for (int i = 0; i < 5; i++) {
        if (i != c0) {
          unsigned(c, i, 0);
        }
      }
      c.timer.advanceTo(t0 + T);
      List<Event> started = c.events("started");
      assertThat(started).hasSize(1);
      assertThat(started.get(0).at()).isEqualTo(t0 + T);
      assertThat(started.get(0).node()).isEqualTo(c1);
      assertThat(started.get(0).session().attempt()).isEqualTo(1);
      c.timer.advance(T / 2);
      List<Event> signed = c.events("signed");
      assertThat(signed).hasSize(1);
      assertThat(signed.get(0).at()).isEqualTo(t0 + T + 4 * DELAY);
      for (int i = 0; i < 5; i++) {
        if (i != c0) {
          for (long n = 0; n < 10; n++) {
            holdsSignature(c, i, n, ds.get(n));
          }
        }
      }
      assertThat(c.events("aborted")).isEmpty(); // the crashed node was asked last, so not at all
    }

    @Test
    void aCutOffCoordinatorCostsOneTimeoutAndCatchesUpWhenItsTurnComesAgain() {
      Cluster c = cluster(4).startAll(CHAIN, 10);
      int c0 = c.coordinator(CHAIN, 0, 0);
      int c1 = c.coordinator(CHAIN, 0, 1);
      c.cutOff.add(c0);
      long t0 = c.timer.now();
      Map<Long, TxDigest> ds = digests(0, 10, 0);
      c.offerAll(CHAIN, ds);
      c.timer.advanceTo(t0 + T + 4 * DELAY);

      List<Event> signed = c.events("signed");
      assertThat(signed).hasSize(1);
      assertThat(signed.get(0).node()).isEqualTo(c1);
      assertThat(signed.get(0).at()).isEqualTo(t0 + T + 4 * DELAY);
      assertThat(c.events("started").stream().filter(e -> e.node() == c1).findFirst().get().at())
          .isEqualTo(t0 + T);
      // the cut-off coordinator tried all through its attempt, and retried after each failure
      List<Event> aborted = c.events("aborted");
      assertThat(aborted).isNotEmpty().allMatch(e -> e.node() == c0);
      assertThat(aborted).allMatch(e -> e.cause() == Abort.UNAVAILABLE);
      assertThat(aborted).allMatch(e -> e.session().attempt() == 0);
      assertThat(aborted.size()).isGreaterThan(5);
      for (int i = 0; i < aborted.size() - 1; i++) {
        // a failed session is tried again after the retry delay, not at once
        Event next = c.events("started").stream().filter(e -> e.node() == c0).toList().get(i + 1);
        assertThat(next.at() - aborted.get(i).at()).isEqualTo(SETTINGS.retryDelayMillis());
      }
      c.timer.advanceTo(t0 + 2 * T); // the signatures sent to it are lost
      unsigned(c, c0, 0);
      assertThat(c.events("signed")).hasSize(1);

      // healed, it gets the signatures when it coordinates the batch again (attempt 5), from a
      // participant that holds them all
      c.cutOff.clear();
      c.timer.advanceTo(t0 + 5 * T + 2 * DELAY);
      for (long n = 0; n < 10; n++) {
        holdsSignature(c, c0, n, ds.get(n));
      }
      // by its own session of attempt 5, started when that attempt began
      List<Event> caughtUp =
          c.events("started").stream().filter(e -> e.node() == c0 && e.at() > t0 + 2 * T).toList();
      assertThat(caughtUp).hasSize(1);
      assertThat(caughtUp.get(0).session().attempt()).isEqualTo(5);
      assertThat(caughtUp.get(0).at()).isEqualTo(t0 + 5 * T);
      // no new shares for it: the participants answered with the signatures they held
      assertThat(c.stores[c0].releases()).isEmpty();
    }

    @Test
    void aStaleSessionOfTheSignedBatchDoesNotHoldBackTheNextOne() {
      long chain = 4; // attempt 0 of batches 0 and 1 have one coordinator
      Cluster c = cluster(9).startAll(chain, 10);
      int x = c.coordinator(chain, 0, 0);
      assertThat(c.coordinator(chain, 1, 0)).isEqualTo(x);
      int y = c.coordinator(chain, 0, 1);
      long t0 = c.timer.now();
      Map<Long, TxDigest> ds = new TreeMap<>();
      for (long n = 0; n < 20; n++) {
        ds.put(n, Fixtures.digest(chain, n, 0));
      }
      // the coordinator's first candidate has every digest, the others only batch 1's at first:
      // its sessions fail early and it tries again every retry delay
      for (int i = 0; i < 5; i++) {
        Map<Long, TxDigest> given = new TreeMap<>(ds);
        if (i != x && i != y) {
          given.keySet().removeIf(n -> n < 10);
        }
        c.offer(i, chain, given);
      }
      // a try of the coordinator's late in its attempt: the digests reach the others as it starts,
      // and its calls go out and are never answered; it hangs for a session timeout
      while (c.events("started").stream().noneMatch(e -> e.at() > t0 + T - 700)) {
        c.timer.advance(1);
      }
      Event hanging = c.events("started").get(c.events("started").size() - 1);
      assertThat(hanging.node()).isEqualTo(x);
      assertThat(hanging.at()).isLessThan(t0 + T);
      for (int i = 0; i < 5; i++) {
        c.offer(i, chain, ds);
      }
      c.silenced.add(x);
      c.timer.advanceTo(t0 + T + 4 * DELAY);
      Event signed0 = c.events("signed").get(0);
      assertThat(signed0.node()).isEqualTo(y);
      assertThat(signed0.session().batch()).isZero();
      c.silenced.clear();
      c.timer.advance(T);
      Event started1 =
          c.events("started").stream().filter(e -> e.session().batch() == 1).findFirst().get();
      // batch 1 starts when the signatures of batch 0 reach its coordinator
      assertThat(started1.node()).isEqualTo(x);
      assertThat(started1.at()).isEqualTo(signed0.at() + DELAY);
      Event signed1 = c.events("signed").get(1);
      assertThat(signed1.session().batch()).isEqualTo(1);
      assertThat(signed1.at()).isEqualTo(started1.at() + 4 * DELAY);
      // the hanging try still ends, by its timeout, and reports it
      c.timer.advanceTo(hanging.at() + T);
      assertThat(c.events("aborted"))
          .anyMatch(e -> e.session().equals(hanging.session()) && e.cause() == Abort.TIMEOUT);
      for (int i = 0; i < 5; i++) {
        for (long n = 0; n < 20; n++) {
          Optional<DigestBook.Entry> e = c.stores[i].entry(chain, n);
          assertThat(e.flatMap(DigestBook.Entry::signature))
              .as("node %d nonce %d", i, n)
              .isPresent();
          assertThat(
                  IndependentSchnorr.verify(
                      c.dealt.groupPublicKey(), ds.get(n), e.get().signature().get()))
              .isTrue();
        }
      }
    }

    @Test
    void aCoordinatorNeverRunsTwoSessionsThatCanSignTheSameDigests() {
      long chain = 4; // attempt 0 of batches 0 and 1 have one coordinator
      Cluster c = cluster(10).startAll(chain, 10);
      int x = c.coordinator(chain, 0, 0);
      Map<Long, TxDigest> ds = new TreeMap<>();
      for (long n = 0; n < 20; n++) {
        ds.put(n, Fixtures.digest(chain, n, 0));
      }
      c.offerAll(
          chain,
          ds.entrySet().stream()
              .filter(e -> e.getKey() < 10)
              .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
      c.timer.advance(100);
      assertThat(c.events("signed")).hasSize(1);
      // batch 1: the coordinator's session hangs (its first calls are never answered)
      c.silenced.add(x);
      c.offerAll(chain, ds);
      Event hanging = c.events("started").get(1);
      assertThat(hanging.node()).isEqualTo(x);
      assertThat(hanging.session().batch()).isEqualTo(1);
      c.timer.advance(DELAY + 1);
      c.silenced.clear();
      // a replacement in batch 0, which comes first again
      c.timer.advance(100);
      TxDigest replacement = Fixtures.digest(chain, 3, 1);
      for (int i = 0; i < 5; i++) {
        c.engines[i].offer(chain, 3, replacement);
      }
      c.timer.advanceTo(hanging.at() + 3 * T);
      // while the hanging session could still sign batch 1, the coordinator starts no other one
      List<Event> xs =
          c.events("started").stream().filter(e -> e.node() == x && e.at() > hanging.at()).toList();
      assertThat(xs).allMatch(e -> e.at() >= hanging.at() + T);
      // and everything is signed in the end, the replacement too
      for (int i = 0; i < 5; i++) {
        holdsSignatureOn(c, chain, i, 3, replacement);
        for (long n = 10; n < 20; n++) {
          holdsSignatureOn(c, chain, i, n, ds.get(n));
        }
      }
    }

    @Test
    void aDigestNotYetHeldByTheParticipantsIsRetriedUntilItIs() {
      Cluster c = cluster(5).startAll(CHAIN, 10);
      int c0 = c.coordinator(CHAIN, 0, 0);
      long t0 = c.timer.now();
      Map<Long, TxDigest> ds = digests(0, 10, 0);
      c.offer(c0, CHAIN, ds);
      c.timer.advanceTo(t0 + 2_000);
      List<Event> aborted = c.events("aborted");
      assertThat(aborted).isNotEmpty().allMatch(e -> e.cause() == Abort.DIGEST_NOT_YET);
      assertThat(c.refusals)
          .isNotEmpty()
          .allMatch(r -> r.code().equals("DIGEST_NOT_YET") && !r.roundTwo());
      for (int i = 0; i < 5; i++) {
        assertThat(c.stores[i].releases()).isEmpty();
      }
      for (int i = 0; i < 5; i++) {
        if (i != c0) {
          c.offer(i, CHAIN, ds);
        }
      }
      long given = c.timer.now();
      c.timer.advance(T / 2);
      List<Event> signed = c.events("signed");
      assertThat(signed).hasSize(1);
      assertThat(signed.get(0).node()).isEqualTo(c0);
      assertThat(signed.get(0).session().attempt()).isZero();
      assertThat(signed.get(0).at() - given)
          .isLessThanOrEqualTo(SETTINGS.retryDelayMillis() + 8 * DELAY + 4 * DELAY);
      for (int i = 0; i < 5; i++) {
        for (long n = 0; n < 10; n++) {
          holdsSignature(c, i, n, ds.get(n));
        }
      }
    }

    @Test
    void aParticipantWithAnotherDigestRefusesAndRecordsNothing() {
      Cluster c = cluster(6).startAll(CHAIN, 10);
      int c0 = c.coordinator(CHAIN, 0, 0);
      int p = (c0 + 1) % 5; // the coordinator's first candidate
      Map<Long, TxDigest> ds = digests(0, 10, 0);
      Map<Long, TxDigest> theirs = new TreeMap<>(ds);
      theirs.put(3L, Fixtures.digest(CHAIN, 3, 9));
      for (int i = 0; i < 5; i++) {
        c.offer(i, CHAIN, i == p ? theirs : ds);
      }
      c.timer.advance(T / 2);
      assertThat(c.refusals).isNotEmpty();
      assertThat(c.refusals.get(0).to()).isEqualTo(p);
      assertThat(c.refusals.get(0).code()).isEqualTo("DIGEST_MISMATCH");
      // the coordinator went on with the next candidates and signed
      Event signed = c.events("signed").get(0);
      assertThat(signed.node()).isEqualTo(c0);
      assertThat(signed.session().attempt()).isZero();
      assertThat(c.stores[p].releases()).isEmpty();
      for (int i = 0; i < 5; i++) {
        for (long n = 0; n < 10; n++) {
          if (i == p && n == 3) {
            unsigned(c, p, 3);
            assertThat(c.stores[p].entry(CHAIN, 3).get().digest()).isEqualTo(theirs.get(3L));
          } else {
            holdsSignature(c, i, n, ds.get(n));
          }
        }
      }
      // its own sessions for its digest find nobody to sign it: no one records a release
      c.timer.advance(6 * T);
      List<Event> its = c.events("aborted").stream().filter(e -> e.node() == p).toList();
      assertThat(its).isNotEmpty().allMatch(e -> e.cause() == Abort.DIGEST_MISMATCH);
      for (int i = 0; i < 5; i++) {
        assertThat(c.stores[i].releases())
            .noneMatch(r -> r.session().coordinator().equals(c.signers.get(p).identityKey()));
      }
      unsigned(c, p, 3);
    }

    @Test
    void aReplacementDigestIsSignedAnew() {
      Cluster c = cluster(7).startAll(CHAIN, 10);
      Map<Long, TxDigest> ds = digests(0, 20, 0);
      c.offerAll(CHAIN, ds);
      c.timer.advance(T / 2);
      assertThat(c.events("signed")).hasSize(2);
      TxDigest replacement = Fixtures.digest(CHAIN, 4, 1);
      long at = c.timer.now();
      for (int i = 0; i < 5; i++) {
        KeysignEngine.Offer offer = c.engines[i].offer(CHAIN, 4, replacement);
        assertThat(offer.signature()).isEmpty();
        assertThat(offer.batch()).isZero();
      }
      c.timer.advance(T / 2);
      List<Event> signed = c.events("signed");
      assertThat(signed).hasSize(3);
      assertThat(signed.get(2).session().batch()).isZero();
      assertThat(c.events("started").get(2).at()).isEqualTo(at);
      for (int i = 0; i < 5; i++) {
        holdsSignature(c, i, 4, replacement);
        assertThat(c.engines[i].offer(CHAIN, 4, replacement).signature()).isPresent();
        Optional<dev.cachet.frost.Signature> old =
            c.stores[i].signaturesSaved().stream()
                .filter(s -> s.nonce() == 4 && s.digest().equals(ds.get(4L)))
                .map(SignedItem::signature)
                .findFirst();
        assertThat(old).isPresent();
        assertThat(IndependentSchnorr.verify(c.dealt.groupPublicKey(), replacement, old.get()))
            .isFalse();
        // the replacement was signed alone
        assertThat(
                c.stores[i].signaturesSaved().stream().filter(s -> s.digest().equals(replacement)))
            .hasSize(1);
        for (long n = 0; n < 20; n++) {
          if (n != 4) {
            holdsSignature(c, i, n, ds.get(n));
          }
        }
      }
    }

    @Test
    void invalidSharesNameTheLiarAndTheSessionIsTriedAgainAtOnceWithoutIt() {
      Cluster c = cluster(8).startAll(CHAIN, 10);
      int c0 = c.coordinator(CHAIN, 0, 0);
      int liar = (c0 + 1) % 5;
      c.sharesRewriter = (i, m) -> i == liar ? Lies.tamperShares(m, 1, c.signers.get(liar)) : m;
      long t0 = c.timer.now();
      Map<Long, TxDigest> ds = digests(0, 10, 0);
      c.offerAll(CHAIN, ds);
      c.timer.advance(T / 2);
      List<Event> aborted = c.events("aborted");
      assertThat(aborted).hasSize(1);
      assertThat(aborted.get(0).cause()).isEqualTo(Abort.INVALID_SHARE);
      assertThat(aborted.get(0).at()).isEqualTo(t0 + 4 * DELAY);
      assertThat(c.events("culprit:" + liar)).hasSize(1);
      List<Event> started = c.events("started");
      assertThat(started).hasSize(2);
      assertThat(started.get(1).at()).isEqualTo(t0 + 4 * DELAY); // at once, no retry delay
      List<Event> signed = c.events("signed");
      assertThat(signed).hasSize(1);
      assertThat(signed.get(0).at()).isEqualTo(t0 + 8 * DELAY);
      // the liar was left out of the second session
      assertThat(c.stores[liar].releases()).hasSize(1);
      assertThat(c.stores[liar].releases().get(0).session()).isEqualTo(started.get(0).session());
      for (int i = 0; i < 5; i++) {
        for (long n = 0; n < 10; n++) {
          holdsSignature(c, i, n, ds.get(n));
        }
      }
    }
  }

  // ---------------------------------------------------------------- the participant, by hand

  @Nested
  class Participant {

    /** Nodes up but the coordinator, whose signer the test uses to send its messages by hand. */
    final Cluster c = cluster(11);

    final int coordinator = c.coordinator(CHAIN, 0, 0);
    final int p = (coordinator + 1) % 5;
    final int q = (coordinator + 2) % 5;
    final Map<Long, TxDigest> ds = digests(0, 10, 0);

    {
      c.startAll(CHAIN, 10, coordinator);
      c.offerAll(CHAIN, ds);
    }

    Session session(int from, long attempt, int seed) {
      byte[] tag = new byte[16];
      Fixtures.seeded(seed).nextBytes(tag);
      return new Session(Cluster.KEY_ID, CHAIN, 0, attempt, c.signers.get(from).identityKey(), tag);
    }

    List<Item> items(Map<Long, TxDigest> digests, long from, long to) {
      List<Item> out = new ArrayList<>();
      for (long n = from; n < to; n++) {
        out.add(new Item(n, digests.get(n)));
      }
      return out;
    }

    SignedMessage commit(int signer, Session s, List<Item> items) {
      return SignedMessage.sign(
          MessageKind.KEYSIGN_COMMIT,
          Cluster.EPOCH,
          KeysignWire.encode(new CommitRequest(s, items)),
          c.signers.get(signer));
    }

    SignedMessage sign(int signer, Session s, SigningPackage pkg) {
      return SignedMessage.sign(
          MessageKind.KEYSIGN_SIGN,
          Cluster.EPOCH,
          KeysignWire.encode(new SignRequest(s, pkg)),
          c.signers.get(signer));
    }

    /** A signing package of {@code p}'s commitments with two more made here. */
    SigningPackage packageWith(BatchCommitments theirs, List<Item> items) {
      List<BatchCommitments> all = new ArrayList<>(List.of(theirs));
      DealtKeys dealt = c.dealt;
      for (int i : new int[] {coordinator, q}) {
        RoundOneState s =
            new Signer(dealt.keyPackages().get(i), Fixtures.seeded(77 + i)).commit(items.size());
        all.add(s.commitments());
      }
      List<Message> messages = items.stream().map(i -> Message.of(i.digest().bytes())).toList();
      return new Coordinator(dealt.group()).signingPackage(messages, all);
    }

    void refused(ThrowingCallable call, Class<? extends CachetException> type, String code) {
      assertThatThrownBy(call)
          .isInstanceOfSatisfying(type, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void commitsToItsOwnDigestsAndReleasesSharesOnceAfterRecordingIt() {
      Session s = session(coordinator, 0, 1);
      List<Item> items = items(ds, 0, 10);
      CommitAnswer answer =
          KeysignWire.commitAnswer(
              c.engines[p].commit(commit(coordinator, s, items)).verified().body());
      assertThat(answer.session()).isEqualTo(s);
      assertThat(answer.signer()).isEqualTo(c.signers.get(p).identityKey());
      assertThat(answer.commitments()).isPresent();
      assertThat(answer.commitments().get().id().value()).isEqualTo(p + 1);
      assertThat(answer.commitments().get().messageCount()).isEqualTo(10);
      assertThat(c.stores[p].releases()).isEmpty(); // round one records nothing

      SigningPackage pkg = packageWith(answer.commitments().get(), items);
      SharesAnswer shares =
          KeysignWire.sharesAnswer(c.engines[p].sign(sign(coordinator, s, pkg)).verified().body());
      assertThat(shares.shares().shares()).hasSize(10);
      assertThat(c.stores[p].releases()).hasSize(1);
      assertThat(c.stores[p].releases().get(0).session()).isEqualTo(s);
      assertThat(c.stores[p].releases().get(0).items()).isEqualTo(items);

      // never twice for one session: the same request again gets the same shares (a replayed
      // HTTP call), another package for the session nothing
      SharesAnswer again =
          KeysignWire.sharesAnswer(c.engines[p].sign(sign(coordinator, s, pkg)).verified().body());
      assertThat(again.shares()).isEqualTo(shares.shares());
      List<BatchCommitments> fresh = new ArrayList<>(List.of(answer.commitments().get()));
      for (int i : new int[] {coordinator, q}) {
        fresh.add(
            new Signer(c.dealt.keyPackages().get(i), Fixtures.seeded(900 + i))
                .commit(items.size())
                .commitments());
      }
      SigningPackage other =
          new Coordinator(c.dealt.group())
              .signingPackage(
                  items.stream().map(i -> Message.of(i.digest().bytes())).toList(), fresh);
      refused(
          () -> c.engines[p].sign(sign(coordinator, s, other)),
          ConflictException.class,
          "SESSION_UNKNOWN");
      assertThat(c.stores[p].releases()).hasSize(1);
    }

    @Test
    void theSameRoundOneRequestAgainGetsTheSameCommitmentsAndRoundTwoStillSigns() {
      Session s = session(coordinator, 0, 3);
      List<Item> items = items(ds, 0, 10);
      SignedMessage request = commit(coordinator, s, items);
      CommitAnswer first = KeysignWire.commitAnswer(c.engines[p].commit(request).verified().body());
      CommitAnswer again = KeysignWire.commitAnswer(c.engines[p].commit(request).verified().body());
      assertThat(again.commitments()).isEqualTo(first.commitments());
      SigningPackage pkg = packageWith(first.commitments().get(), items);
      SharesAnswer shares =
          KeysignWire.sharesAnswer(c.engines[p].sign(sign(coordinator, s, pkg)).verified().body());
      assertThat(shares.shares().shares()).hasSize(10);
      assertThat(c.stores[p].releases()).hasSize(1);
      // the same round-two request again: the same shares, nothing released twice
      SharesAnswer replayed =
          KeysignWire.sharesAnswer(c.engines[p].sign(sign(coordinator, s, pkg)).verified().body());
      assertThat(replayed.shares()).isEqualTo(shares.shares());
      assertThat(c.stores[p].releases()).hasSize(1);
      // once signed, the same round-one request makes a fresh state
      CommitAnswer after = KeysignWire.commitAnswer(c.engines[p].commit(request).verified().body());
      assertThat(after.commitments()).isNotEqualTo(first.commitments());
    }

    @Test
    void anotherDigestIsADigestMismatchAndRecordsNothing() {
      Map<Long, TxDigest> other = new TreeMap<>(ds);
      other.put(6L, Fixtures.digest(CHAIN, 6, 5));
      Session s = session(coordinator, 0, 2);
      refused(
          () -> c.engines[p].commit(commit(coordinator, s, items(other, 0, 10))),
          ConflictException.class,
          "DIGEST_MISMATCH");
      // no round-one state kept: round two for that session is unknown
      refused(
          () ->
              c.engines[p].sign(
                  sign(coordinator, s, packageWith(someCommitments(), items(ds, 0, 10)))),
          ConflictException.class,
          "SESSION_UNKNOWN");
      assertThat(c.stores[p].releases()).isEmpty();
    }

    BatchCommitments someCommitments() {
      return new Signer(c.dealt.keyPackages().get(p), Fixtures.seeded(5)).commit(10).commitments();
    }

    @Test
    void aDigestNotHeldYetIsRetryLater() {
      Cluster c2 = cluster(12);
      int coord2 = c2.coordinator(CHAIN, 0, 0);
      int p2 = (coord2 + 1) % 5;
      c2.startAll(CHAIN, 10, coord2);
      Map<Long, TxDigest> some = new TreeMap<>(ds);
      some.remove(9L);
      c2.offer(p2, CHAIN, some);
      Session s =
          new Session(
              Cluster.KEY_ID, CHAIN, 0, 0, c2.signers.get(coord2).identityKey(), new byte[16]);
      SignedMessage m =
          SignedMessage.sign(
              MessageKind.KEYSIGN_COMMIT,
              Cluster.EPOCH,
              KeysignWire.encode(new CommitRequest(s, items(ds, 0, 10))),
              c2.signers.get(coord2));
      assertThatThrownBy(() -> c2.engines[p2].commit(m))
          .isInstanceOfSatisfying(
              RetryLaterException.class,
              e -> {
                assertThat(e.code()).isEqualTo("DIGEST_NOT_YET");
                assertThat(e.retryAfter()).isPositive();
              });
      assertThat(c2.stores[p2].releases()).isEmpty();
      // once it has it, the same request is answered
      c2.engines[p2].offer(CHAIN, 9, ds.get(9L));
      assertThat(KeysignWire.commitAnswer(c2.engines[p2].commit(m).body()).commitments())
          .isPresent();
    }

    @Test
    void itemsOutsideTheBatchUnorderedOrStaleAreRefused() {
      Session s = session(coordinator, 0, 3);
      Map<Long, TxDigest> more = digests(0, 12, 0);
      c.offer(p, CHAIN, more);
      refused(
          () -> c.engines[p].commit(commit(coordinator, s, items(more, 5, 12))),
          InvalidKeysignException.class,
          "INVALID_KEYSIGN_MESSAGE");
      List<Item> unordered = new ArrayList<>(items(ds, 0, 3));
      java.util.Collections.swap(unordered, 0, 2);
      refused(
          () -> c.engines[p].commit(commit(coordinator, s, unordered)),
          InvalidKeysignException.class,
          "INVALID_KEYSIGN_MESSAGE");
      List<Item> twice = List.of(new Item(1, ds.get(1L)), new Item(1, ds.get(1L)));
      refused(
          () -> c.engines[p].commit(commit(coordinator, s, twice)),
          InvalidKeysignException.class,
          "INVALID_KEYSIGN_MESSAGE");
      c.engines[p].pending(CHAIN, 4, 12);
      refused(
          () -> c.engines[p].commit(commit(coordinator, s, items(ds, 3, 10))),
          GoneException.class,
          "NONCE_STALE");
      assertThat(c.stores[p].releases()).isEmpty();
    }

    @Test
    void aDigestReplacedBetweenTheRoundsIsADigestMismatchAndRecordsNothing() {
      Session s = session(coordinator, 0, 6);
      List<Item> items = items(ds, 0, 10);
      CommitAnswer answer =
          KeysignWire.commitAnswer(c.engines[p].commit(commit(coordinator, s, items)).body());
      c.engines[p].offer(CHAIN, 2, Fixtures.digest(CHAIN, 2, 1));
      refused(
          () ->
              c.engines[p].sign(
                  sign(coordinator, s, packageWith(answer.commitments().get(), items))),
          ConflictException.class,
          "DIGEST_MISMATCH");
      assertThat(c.stores[p].releases()).isEmpty();
    }

    @Test
    void aPackageForOtherDigestsIsADigestMismatchAndRecordsNothing() {
      Session s = session(coordinator, 0, 7);
      List<Item> items = items(ds, 0, 10);
      CommitAnswer answer =
          KeysignWire.commitAnswer(c.engines[p].commit(commit(coordinator, s, items)).body());
      Map<Long, TxDigest> other = new TreeMap<>(ds);
      other.put(0L, Fixtures.digest(CHAIN, 0, 3));
      refused(
          () ->
              c.engines[p].sign(
                  sign(
                      coordinator,
                      s,
                      packageWith(answer.commitments().get(), items(other, 0, 10)))),
          ConflictException.class,
          "DIGEST_MISMATCH");
      assertThat(c.stores[p].releases()).isEmpty();
      // the state is still there for the right package
      c.engines[p].sign(sign(coordinator, s, packageWith(answer.commitments().get(), items)));
      assertThat(c.stores[p].releases()).hasSize(1);
    }

    @Test
    void onlyTheAttemptsCoordinatorAsks() {
      List<Item> items = items(ds, 0, 10);
      // a participant that does not coordinate attempt 0 claims it
      Session claimed = session(q, 0, 8);
      refused(
          () -> c.engines[p].commit(commit(q, claimed, items)),
          ConflictException.class,
          "NOT_THE_COORDINATOR");
      // it does coordinate attempt 2 (q = coordinator + 2)
      Session attempt2 = session(q, 2, 8);
      assertThat(
              KeysignWire.commitAnswer(c.engines[p].commit(commit(q, attempt2, items)).body())
                  .commitments())
          .isPresent();
      // a session of the coordinator's, sent by another
      Session theirs = session(coordinator, 0, 9);
      refused(
          () -> c.engines[p].commit(commit(q, theirs, items)),
          ForbiddenException.class,
          "NOT_THE_COORDINATOR");
      // a stranger
      Fixtures.TestSigner stranger = Fixtures.signer("stranger");
      Session strangers =
          new Session(Cluster.KEY_ID, CHAIN, 0, 0, stranger.identityKey(), theirs.tag());
      SignedMessage m =
          SignedMessage.sign(
              MessageKind.KEYSIGN_COMMIT,
              Cluster.EPOCH,
              KeysignWire.encode(new CommitRequest(strangers, items)),
              stranger);
      refused(() -> c.engines[p].commit(m), ForbiddenException.class, "NOT_A_PARTICIPANT");
      assertThat(c.stores[p].releases()).isEmpty();
    }

    @Test
    void messagesAreCheckedBeforeAnythingElse() {
      Session s = session(coordinator, 0, 10);
      List<Item> items = items(ds, 0, 10);
      SignedMessage good = commit(coordinator, s, items);
      SignedMessage forged =
          new SignedMessage(
              good.kind(),
              good.epoch(),
              good.signer(),
              good.body(),
              Fixtures.flipBit(good.signature(), 5, 1));
      refused(() -> c.engines[p].commit(forged), CachetException.class, "INVALID_SIGNATURE");
      SignedMessage wrongKind =
          SignedMessage.sign(
              MessageKind.KEYSIGN_SIGN, Cluster.EPOCH, good.body(), c.signers.get(coordinator));
      refused(
          () -> c.engines[p].commit(wrongKind), CachetException.class, "INVALID_KEYSIGN_MESSAGE");
      SignedMessage stale =
          SignedMessage.sign(
              MessageKind.KEYSIGN_COMMIT,
              Cluster.EPOCH - 2,
              good.body(),
              c.signers.get(coordinator));
      assertThatThrownBy(() -> c.engines[p].commit(stale)).isInstanceOf(CachetException.class);
      Session otherKey =
          new Session("key-2", CHAIN, 0, 0, c.signers.get(coordinator).identityKey(), s.tag());
      refused(
          () -> c.engines[p].commit(commit(coordinator, otherKey, items)),
          UnknownResourceException.class,
          "KEY_NOT_FOUND");
      Session otherChain =
          new Session(Cluster.KEY_ID, 57, 0, 0, c.signers.get(coordinator).identityKey(), s.tag());
      assertThatThrownBy(() -> c.engines[p].commit(commit(coordinator, otherChain, items)))
          .isInstanceOfSatisfying(
              CachetException.class,
              e -> assertThat(e.code()).isIn("CHAIN_NOT_FOUND", "NOT_THE_COORDINATOR"));
    }

    @Test
    void aRestartForgetsRoundOneStates() {
      Session s = session(coordinator, 0, 12);
      List<Item> items = items(ds, 0, 10);
      CommitAnswer answer =
          KeysignWire.commitAnswer(c.engines[p].commit(commit(coordinator, s, items)).body());
      c.start(p); // a restart: a new engine on the same store
      refused(
          () ->
              c.engines[p].sign(
                  sign(coordinator, s, packageWith(answer.commitments().get(), items))),
          ConflictException.class,
          "SESSION_UNKNOWN");
      assertThat(c.stores[p].releases()).isEmpty();
      // the key, the chain and the digests came back from the store
      assertThat(c.engines[p].key(Cluster.KEY_ID).share()).isEqualTo(c.keys.get(p).share());
      assertThat(c.engines[p].view(CHAIN).pendingCount()).isEqualTo(10);
      assertThat(c.engines[p].offer(CHAIN, 3, ds.get(3L)).signature()).isEmpty();
    }

    @Test
    void aParticipantHoldingEverySignatureAnswersWithThem() {
      // let the others sign batch 0 (attempt 1's coordinator is up)
      c.timer.advance(T + T / 2);
      for (long n = 0; n < 10; n++) {
        holdsSignature(c, p, n, ds.get(n));
      }
      Session s = session(coordinator, 0, 13);
      CommitAnswer answer =
          KeysignWire.commitAnswer(
              c.engines[p].commit(commit(coordinator, s, items(ds, 0, 10))).body());
      assertThat(answer.commitments()).isEmpty();
      assertThat(answer.signed()).hasSize(10);
      for (SignedItem i : answer.signed()) {
        assertThat(i.digest()).isEqualTo(ds.get(i.nonce()));
        assertThat(IndependentSchnorr.verify(c.dealt.groupPublicKey(), i.digest(), i.signature()))
            .isTrue();
      }
    }
  }

  // ---------------------------------------------------------------- keys, chains, the observer

  @Nested
  class KeysAndChains {

    final Cluster c = cluster(21);

    @Test
    void importsItsOwnPackageOnce() {
      KeysignEngine e = c.start(0);
      assertThat(e.importKey(c.keys.get(0))).isEqualTo(KeysignEngine.Imported.CREATED);
      assertThat(e.importKey(KeysignKey.decode(c.keys.get(0).encode())))
          .isEqualTo(KeysignEngine.Imported.UNCHANGED);
      assertThat(c.stores[0].keys()).hasSize(1);
    }

    @Test
    void refusesSomeoneElsesPackage() {
      KeysignEngine e = c.start(0);
      refused(
          () -> e.importKey(c.keys.get(1)), InvalidKeysignException.class, "INVALID_KEY_PACKAGE");
      assertThat(c.stores[0].keys()).isEmpty();
    }

    @Test
    void refusesAnotherPackageUnderTheSameId() {
      KeysignEngine e = c.start(0);
      e.importKey(c.keys.get(0));
      DealtKeys other = Fixtures.deal(3, 5, 99);
      KeysignKey again = Fixtures.keys(Cluster.KEY_ID, c.signers, other).get(0);
      refused(() -> e.importKey(again), ConflictException.class, "KEY_EXISTS");
      assertThat(e.key(Cluster.KEY_ID).share()).isEqualTo(c.keys.get(0).share());
      // under another id it is a key of its own
      KeysignKey renamed = Fixtures.keys("key-2", c.signers, other).get(0);
      assertThat(e.importKey(renamed)).isEqualTo(KeysignEngine.Imported.CREATED);
    }

    @Test
    void bindingNeedsAKnownKey() {
      KeysignEngine e = c.start(0);
      refused(() -> e.bind(CHAIN, "nope", 10), UnknownResourceException.class, "KEY_NOT_FOUND");
      refused(() -> e.key("nope"), UnknownResourceException.class, "KEY_NOT_FOUND");
      refused(() -> e.key("no such/key"), InvalidKeysignException.class, "INVALID_KEY_ID");
      assertThat(c.stores[0].chains()).isEmpty();
    }

    @Test
    void bindsRebindsAndRefuses() {
      KeysignEngine e = c.start(0);
      e.importKey(c.keys.get(0));
      e.importKey(Fixtures.keys("key-2", c.signers, Fixtures.deal(3, 5, 98)).get(0));
      assertThat(e.bind(CHAIN, Cluster.KEY_ID, 10)).isEqualTo(KeysignEngine.Bound.CREATED);
      assertThat(e.bind(CHAIN, Cluster.KEY_ID, 10)).isEqualTo(KeysignEngine.Bound.UNCHANGED);
      e.offer(CHAIN, 0, Fixtures.digest(CHAIN, 0, 0));
      assertThat(e.bind(CHAIN, Cluster.KEY_ID, 5)).isEqualTo(KeysignEngine.Bound.UPDATED);
      assertThat(e.view(CHAIN).batchSize()).isEqualTo(5);
      assertThat(e.view(CHAIN).pending()).containsExactly(0L); // the digest survived
      refused(() -> e.bind(CHAIN, "key-2", 5), ConflictException.class, "CHAIN_BOUND");
      refused(
          () -> e.bind(1L << 32, Cluster.KEY_ID, 5),
          InvalidKeysignException.class,
          "INVALID_CHAIN_ID");
      refused(
          () -> e.bind(-1, Cluster.KEY_ID, 5), InvalidKeysignException.class, "INVALID_CHAIN_ID");
      refused(
          () -> e.bind(1, Cluster.KEY_ID, 0), InvalidKeysignException.class, "INVALID_BATCH_SIZE");
      refused(
          () -> e.offer(57, 0, Fixtures.digest(57, 0, 0)),
          UnknownResourceException.class,
          "CHAIN_NOT_FOUND");
      assertThat(e.chainIds()).containsExactly(CHAIN);
    }

    @Test
    void theObserversPendingRangeMovesForwardOnly() {
      KeysignEngine e = c.start(0);
      e.importKey(c.keys.get(0));
      e.bind(CHAIN, Cluster.KEY_ID, 10);
      for (long n = 0; n < 8; n++) {
        e.offer(CHAIN, n, Fixtures.digest(CHAIN, n, 0));
      }
      KeysignEngine.ChainView view = e.pending(CHAIN, 5, 12);
      assertThat(view.low()).isEqualTo(5);
      assertThat(view.high()).isEqualTo(12);
      assertThat(view.pending()).containsExactly(5L, 6L, 7L, 8L, 9L, 10L, 11L);
      assertThat(c.stores[0].digests(CHAIN).keySet()).containsExactly(5L, 6L, 7L);
      assertThat(c.stores[0].chains().get(0).low()).isEqualTo(5);
      refused(() -> e.pending(CHAIN, 4, 12), InvalidKeysignException.class, "NONCE_REGRESSION");
      refused(
          () -> e.offer(CHAIN, 4, Fixtures.digest(CHAIN, 4, 0)),
          GoneException.class,
          "NONCE_STALE");
      refused(() -> e.pending(CHAIN, 9, 8), InvalidKeysignException.class, "INVALID_PENDING");
      refused(() -> e.signature(CHAIN, 6), UnknownResourceException.class, "SIGNATURE_NOT_FOUND");
      // the range survives a restart
      KeysignEngine again = c.start(0);
      assertThat(again.view(CHAIN).low()).isEqualTo(5);
      assertThat(again.view(CHAIN).pending()).containsExactly(5L, 6L, 7L, 8L, 9L, 10L, 11L);
    }

    @Test
    void anOfferAnswersWithTheBatchAndOnceSignedTheSignature() {
      Cluster all = cluster(22).startAll(CHAIN, 10);
      TxDigest d = Fixtures.digest(CHAIN, 13, 0);
      for (int i = 0; i < 5; i++) {
        KeysignEngine.Offer o = all.engines[i].offer(CHAIN, 13, d);
        assertThat(o.batch()).isEqualTo(1);
        assertThat(o.signature()).isEmpty();
      }
      all.engines[0].pending(CHAIN, 13, 14);
      for (int i = 1; i < 5; i++) {
        all.engines[i].pending(CHAIN, 13, 14);
      }
      all.timer.advance(T / 2);
      for (int i = 0; i < 5; i++) {
        KeysignEngine.Offer o = all.engines[i].offer(CHAIN, 13, d);
        assertThat(o.signature()).isPresent();
        assertThat(IndependentSchnorr.verify(all.dealt.groupPublicKey(), d, o.signature().get()))
            .isTrue();
      }
    }

    private void refused(
        ThrowingCallable call, Class<? extends CachetException> type, String code) {
      assertThatThrownBy(call)
          .isInstanceOfSatisfying(type, e -> assertThat(e.code()).isEqualTo(code));
    }
  }
}
