package dev.cachet.committee.ejb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachet.committee.Committee;
import dev.cachet.committee.CommitteeCodec;
import dev.cachet.committee.CommitteeExistsException;
import dev.cachet.committee.CommitteeStore;
import dev.cachet.committee.Committees;
import dev.cachet.committee.Member;
import dev.cachet.committee.StoredCommitteeCorruptException;
import dev.cachet.node.IdentityKey;
import dev.cachet.persistence.CommitteeEntity;
import dev.cachet.state.ejb.TestDatabase;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The committee store on the node's real persistence unit and migrations, on H2 and PostgreSQL: one
 * committee per epoch, stored as its canonical bytes and read back equal; a second insert for the
 * epoch changes nothing; nodes on one database setting the same epoch at once store one committee,
 * and the losers report it instead of failing.
 */
class JpaCommitteeStoreTest {

  private static TestDatabase h2() {
    return TestDatabase.h2("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @Test
  void keepsOneCommitteePerEpochOnH2() {
    try (TestDatabase db = h2()) {
      keepsOneCommitteePerEpoch(db);
    }
  }

  @Test
  void keepsOneCommitteePerEpochOnPostgres() {
    try (TestDatabase db = TestDatabase.postgres()) {
      keepsOneCommitteePerEpoch(db);
    }
  }

  private static void keepsOneCommitteePerEpoch(TestDatabase db) {
    CommitteeStore store = new LocalTransactionCommitteeStore(db);
    Committee first = committee(5, "a", 1, 2);
    assertThat(store.find(5)).isEmpty();
    assertThat(store.insertIfAbsent(first)).isTrue();
    assertThat(store.find(5)).contains(first);
    assertThat(store.insertIfAbsent(committee(5, "b", 3))).as("never replaced").isFalse();
    assertThat(store.find(5)).contains(first);
    assertThat(store.find(6)).isEmpty();
    assertThat(store.insertIfAbsent(committee(6, "b", 3))).isTrue();
    assertThat(store.find(6)).contains(committee(6, "b", 3));
    assertThat(store.insertIfAbsent(committee(0, "genesis", 1))).as("the first epoch").isTrue();
    assertThat(store.find(0)).contains(committee(0, "genesis", 1));
    CommitteeEntity row = db.inTransaction(em -> em.find(CommitteeEntity.class, 5L));
    assertThat(row.getContent()).as("its canonical bytes").isEqualTo(CommitteeCodec.encode(first));
    assertThat(row.getCreatedAt()).isNotNull();
  }

  @Test
  void anInsertThatLostTheRaceReportsTheWinnersCommittee() {
    try (TestDatabase db = h2()) {
      Committee winner = committee(9, "winner", 1);
      assertThat(new LocalTransactionCommitteeStore(db).insertIfAbsent(winner)).isTrue();
      // The loser looked before the winner committed: its insert meets the winner's row.
      AtomicInteger failedInserts = new AtomicInteger();
      CommitteeStore loser = new ConcurrentCommitteeInsert(new CheckedTooEarly(db, failedInserts));

      assertThat(loser.insertIfAbsent(committee(9, "loser", 2))).isFalse();
      assertThat(failedInserts).as("the insert did fail on the key").hasValue(1);
      assertThat(loser.find(9)).contains(winner);

      Committees committees = new Committees(loser, null, true, Optional::empty);
      assertThat(committees.set(committee(9, "winner", 1))).isEqualTo(Committees.Outcome.UNCHANGED);
      assertThatThrownBy(() -> committees.set(committee(9, "loser", 2)))
          .isInstanceOf(CommitteeExistsException.class);
      assertThat(failedInserts).hasValue(3);
    }
  }

  @Test
  void aFailedInsertWithNothingStoredIsPassedOn() {
    try (TestDatabase db = h2()) {
      CommitteeStore store =
          new ConcurrentCommitteeInsert(
              new CommitteeStore() {
                @Override
                public Optional<Committee> find(long epoch) {
                  return new LocalTransactionCommitteeStore(db).find(epoch);
                }

                @Override
                public boolean insertIfAbsent(Committee committee) {
                  throw new IllegalStateException("the insert failed for another reason");
                }
              });
      assertThatThrownBy(() -> store.insertIfAbsent(committee(1, "a", 1)))
          .hasMessage("the insert failed for another reason");
    }
  }

  @Test
  void nodesSettingOneEpochAtOnceStoreOneCommitteeOnH2() throws Exception {
    try (TestDatabase db = h2()) {
      nodesSettingOneEpochAtOnceStoreOneCommittee(db);
    }
  }

  @Test
  void nodesSettingOneEpochAtOnceStoreOneCommitteeOnPostgres() throws Exception {
    try (TestDatabase db = TestDatabase.postgres()) {
      nodesSettingOneEpochAtOnceStoreOneCommittee(db);
    }
  }

  /** Four "nodes" (each with its own store, as each has its own container) race for each epoch. */
  private static void nodesSettingOneEpochAtOnceStoreOneCommittee(TestDatabase db)
      throws Exception {
    int nodes = 4;
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    try {
      for (long epoch = 0; epoch < 10; epoch++) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> inserts = new ArrayList<>();
        for (int node = 0; node < nodes; node++) {
          CommitteeStore store =
              new ConcurrentCommitteeInsert(new LocalTransactionCommitteeStore(db));
          Committee mine = committee(epoch, "node-" + node, node + 1);
          Callable<Boolean> insert =
              () -> {
                start.await();
                return store.insertIfAbsent(mine);
              };
          inserts.add(pool.submit(insert));
        }
        start.countDown();
        int stored = 0;
        for (Future<Boolean> insert : inserts) {
          stored += insert.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(stored).as("epoch %d stored once", epoch).isEqualTo(1);
        assertThat(new LocalTransactionCommitteeStore(db).find(epoch)).isPresent();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refusesAStoredCommitteeThatIsNotItsEpochs() throws SQLException {
    try (TestDatabase db = h2()) {
      try (Connection c = db.dataSource().getConnection();
          PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO CACHET_COMMITTEE (EPOCH, CONTENT, CREATED_AT)"
                      + " VALUES (?, ?, CURRENT_TIMESTAMP)")) {
        c.setAutoCommit(true);
        insert.setLong(1, 3);
        insert.setBytes(2, CommitteeCodec.encode(committee(4, "a", 1)));
        insert.executeUpdate();
        insert.setLong(1, 5);
        insert.setBytes(2, new byte[20]);
        insert.executeUpdate();
      }
      CommitteeStore store = new LocalTransactionCommitteeStore(db);
      assertThatThrownBy(() -> store.find(3))
          .isInstanceOf(StoredCommitteeCorruptException.class)
          .hasMessageContaining("epoch 4");
      assertThatThrownBy(() -> store.find(5))
          .isInstanceOf(StoredCommitteeCorruptException.class)
          .extracting("code")
          .isEqualTo("COMMITTEE_CORRUPT");
    }
  }

  static Committee committee(long epoch, String name, int... keys) {
    List<Member> members = new ArrayList<>();
    for (int k : keys) {
      byte[] key = new byte[IdentityKey.LENGTH];
      key[0] = (byte) k;
      members.add(
          new Member(
              name + "-" + k,
              IdentityKey.of(key),
              10L * k,
              URI.create("http://127.0.0.1:900" + k)));
    }
    return Committee.of(epoch, members);
  }

  /** {@link JpaCommitteeRows}, one resource-local transaction per call, as the bean's are. */
  static final class LocalTransactionCommitteeStore implements CommitteeStore {
    private final TestDatabase db;

    LocalTransactionCommitteeStore(TestDatabase db) {
      this.db = db;
    }

    @Override
    public Optional<Committee> find(long epoch) {
      return db.inTransaction(em -> new JpaCommitteeRows(em, Clock.systemUTC()).find(epoch));
    }

    @Override
    public boolean insertIfAbsent(Committee committee) {
      return db.inTransaction(
          em -> new JpaCommitteeRows(em, Clock.systemUTC()).insertIfAbsent(committee));
    }
  }

  /**
   * A store whose check for the epoch's row ran before another node's insert committed: its insert
   * goes straight to the database, and meets that row.
   */
  private static final class CheckedTooEarly implements CommitteeStore {
    private final TestDatabase db;
    private final AtomicInteger failedInserts;

    CheckedTooEarly(TestDatabase db, AtomicInteger failedInserts) {
      this.db = db;
      this.failedInserts = failedInserts;
    }

    @Override
    public Optional<Committee> find(long epoch) {
      return new LocalTransactionCommitteeStore(db).find(epoch);
    }

    @Override
    public boolean insertIfAbsent(Committee committee) {
      try {
        db.inTransaction(
            em -> {
              new JpaCommitteeRows(em, Clock.systemUTC()).insert(committee);
              return null;
            });
        return true;
      } catch (RuntimeException e) {
        failedInserts.incrementAndGet();
        throw e;
      }
    }
  }
}
