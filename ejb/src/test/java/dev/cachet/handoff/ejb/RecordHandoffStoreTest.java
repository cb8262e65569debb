package dev.cachet.handoff.ejb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.handoff.Attestation;
import dev.cachet.handoff.FreezeCertificate;
import dev.cachet.handoff.HandoffCertificate;
import dev.cachet.handoff.HandoffStatement;
import dev.cachet.handoff.Hash32;
import dev.cachet.handoff.Items;
import dev.cachet.handoff.ReadySignal;
import dev.cachet.node.IdentityKey;
import dev.cachet.node.NodeIdentity;
import dev.cachet.peer.PeerSigner;
import dev.cachet.state.ejb.TestDatabase;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The handoff's durable store on the node's real persistence unit and migrations, on H2 and
 * PostgreSQL: a member's own ready signal and attestation are kept once (a second one returns the
 * first), the freeze and the certificate likewise, accepted attestations come back for the
 * aggregator's rebuild, and everything reads back equal after a "restart" (a new store).
 */
class RecordHandoffStoreTest {

  @Test
  void keepsEachRecordOnceAndReadsItBackOnH2() {
    try (TestDatabase db =
        TestDatabase.h2("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")) {
      keepsEachRecordOnce(db);
    }
  }

  @Test
  void keepsEachRecordOnceAndReadsItBackOnPostgres() {
    try (TestDatabase db = TestDatabase.postgres()) {
      keepsEachRecordOnce(db);
    }
  }

  private static void keepsEachRecordOnce(TestDatabase db) {
    NodeIdentity me = identity(1);
    NodeIdentity other = identity(2);
    RecordHandoffStore store = new RecordHandoffStore(records(db), me::publicKey);
    Items snapshot = Items.metadata(Map.of(me.publicKey(), Hash32.blake2b(new byte[] {1})));
    ReadySignal first = ReadySignal.sign(4, snapshot.digest(), signer(me));
    assertThat(store.keepOwnReady(first, snapshot)).isEqualTo(first);
    Items otherSnapshot = Items.metadata(Map.of());
    ReadySignal second = ReadySignal.sign(4, otherSnapshot.digest(), signer(me));
    assertThat(store.keepOwnReady(second, otherSnapshot)).as("never a second").isEqualTo(first);
    assertThat(store.ownSnapshot(4)).contains(snapshot);

    FreezeCertificate freeze = new FreezeCertificate(4, snapshot, List.of(first));
    assertThat(store.keepFreeze(freeze)).isEqualTo(freeze);
    HandoffStatement statement = new HandoffStatement(4, Hash32.blake2b(new byte[] {9}), snapshot);
    Attestation mine = new Attestation(me.publicKey(), me.sign(statement.signedBytes()));
    Attestation theirs = new Attestation(other.publicKey(), other.sign(statement.signedBytes()));
    assertThat(store.keepOwnAttestation(statement, mine)).isEqualTo(mine);
    store.keepAttestation(statement, mine);
    store.keepAttestation(statement, theirs);
    store.keepAttestation(statement, theirs); // a second time changes nothing
    HandoffCertificate certificate = new HandoffCertificate(statement, List.of(theirs, mine), 2, 3);
    assertThat(store.keepCertificate(certificate)).isEqualTo(certificate);
    assertThat(store.keepCertificate(new HandoffCertificate(statement, List.of(mine), 1, 3)))
        .isEqualTo(certificate);

    RecordHandoffStore restarted = new RecordHandoffStore(records(db), me::publicKey);
    assertThat(restarted.ownReady(4)).contains(first);
    assertThat(restarted.freeze(4)).contains(freeze);
    assertThat(restarted.ownAttestation(4)).contains(mine);
    assertThat(restarted.attestations(4))
        .extracting(Map.Entry::getValue)
        .containsExactlyInAnyOrder(mine, theirs);
    assertThat(restarted.certificate(4)).contains(certificate);
    assertThat(restarted.latestCertified()).isEqualTo(OptionalLong.of(4));
    assertThat(restarted.certificate(5)).isEmpty();
    assertThat(restarted.ownReady(5)).isEqualTo(Optional.empty());
  }

  /** Each call in a transaction of its own, as the container's REQUIRES_NEW bean does it. */
  private static HandoffRecords records(TestDatabase db) {
    return new HandoffRecords() {
      @Override
      public Optional<byte[]> find(String key) {
        return db.inTransaction(em -> new HandoffRows(em, Clock.systemUTC()).find(key));
      }

      @Override
      public void insert(String key, long epoch, String kind, byte[] content) {
        db.inTransaction(
            em -> {
              new HandoffRows(em, Clock.systemUTC()).insert(key, epoch, kind, content);
              return null;
            });
      }

      @Override
      public List<byte[]> byEpochAndKind(long epoch, String kind) {
        return db.inTransaction(
            em -> new HandoffRows(em, Clock.systemUTC()).byEpochAndKind(epoch, kind));
      }

      @Override
      public OptionalLong latestEpoch(String kind) {
        return db.inTransaction(em -> new HandoffRows(em, Clock.systemUTC()).latestEpoch(kind));
      }
    };
  }

  private static NodeIdentity identity(int n) {
    byte[] plaintext = new byte[33];
    plaintext[0] = 1;
    plaintext[1] = (byte) n;
    return NodeIdentity.decode(plaintext);
  }

  private static PeerSigner signer(NodeIdentity identity) {
    return new PeerSigner() {
      @Override
      public IdentityKey identityKey() {
        return identity.publicKey();
      }

      @Override
      public byte[] sign(byte[] frame) {
        return identity.sign(frame);
      }
    };
  }
}
