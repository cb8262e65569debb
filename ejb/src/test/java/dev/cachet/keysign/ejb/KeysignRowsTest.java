package dev.cachet.keysign.ejb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachet.keysign.KeysignStore.ChainRecord;
import dev.cachet.state.ejb.TestDatabase;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The keysign's tables on H2 and PostgreSQL, migrated by Flyway: a chain's binding is replaced in
 * place; a nonce's digest row is inserted, replaced and signed; pruning forgets only the nonces
 * below low of that chain; a release record is written once per session tag.
 */
class KeysignRowsTest {

  @Test
  void keepsChainsDigestsAndReleasesOnH2() {
    try (TestDatabase db =
        TestDatabase.h2("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")) {
      keepsChainsDigestsAndReleases(db);
    }
  }

  @Test
  void keepsChainsDigestsAndReleasesOnPostgres() {
    try (TestDatabase db = TestDatabase.postgres()) {
      keepsChainsDigestsAndReleases(db);
    }
  }

  private static void keepsChainsDigestsAndReleases(TestDatabase db) {
    in(
        db,
        r -> {
          r.saveChain(new ChainRecord(7, "main", 10, 0, 0));
          r.saveChain(new ChainRecord(4294967295L, "other", 1, 3, 9));
          return null;
        });
    in(
        db,
        r -> {
          r.saveChain(new ChainRecord(7, "main", 20, 5, 50));
          return null;
        });
    assertThat(in(db, KeysignRows::chains))
        .containsExactly(
            new ChainRecord(7, "main", 20, 5, 50), new ChainRecord(4294967295L, "other", 1, 3, 9));

    byte[] a = bytes(32, 1);
    byte[] b = bytes(32, 2);
    byte[] sig = bytes(65, 3);
    in(
        db,
        r -> {
          Map<Long, byte[][]> rows = new LinkedHashMap<>();
          rows.put(4L, new byte[][] {a, null});
          rows.put(5L, new byte[][] {a, null});
          rows.put(6L, new byte[][] {b, sig});
          r.saveDigests(7, rows);
          r.saveDigests(8, Map.of(4L, new byte[][] {b, null}));
          return null;
        });
    in(
        db,
        r -> {
          r.saveDigests(7, Map.of(5L, new byte[][] {b, sig})); // replaced and signed
          return null;
        });
    List<KeysignRows.DigestRow> rows = in(db, r -> r.digests(7, 0));
    assertThat(rows).extracting(KeysignRows.DigestRow::nonce).containsExactly(4L, 5L, 6L);
    assertThat(rows.get(0).signature()).isEmpty();
    assertThat(rows.get(1).digest().bytes()).isEqualTo(b);
    assertThat(rows.get(1).signature()).hasValueSatisfying(s -> assertThat(s).isEqualTo(sig));

    in(
        db,
        r -> {
          r.prune(7, 6);
          return null;
        });
    List<KeysignRows.DigestRow> pruned = in(db, r -> r.digests(7, 0));
    assertThat(pruned).extracting(KeysignRows.DigestRow::nonce).containsExactly(6L);
    List<KeysignRows.DigestRow> other = in(db, r -> r.digests(8, 0));
    assertThat(other).as("another chain keeps its own").hasSize(1);

    in(
        db,
        r -> {
          r.insertRelease("00".repeat(16), "main", 7, 0, 0, "ab".repeat(32), bytes(40, 4));
          return null;
        });
    assertThatThrownBy(
            () ->
                in(
                    db,
                    r -> {
                      r.insertRelease(
                          "00".repeat(16), "main", 7, 0, 1, "ab".repeat(32), bytes(40, 4));
                      return null;
                    }))
        .as("a session tag is recorded once")
        .isInstanceOf(RuntimeException.class);
    long seven = in(db, r -> r.releases(7));
    long eight = in(db, r -> r.releases(8));
    assertThat(seven).isEqualTo(1);
    assertThat(eight).isZero();
  }

  private static <T> T in(TestDatabase db, Function<KeysignRows, T> work) {
    return db.inTransaction(em -> work.apply(new KeysignRows(em, Clock.systemUTC())));
  }

  private static byte[] bytes(int length, int fill) {
    byte[] out = new byte[length];
    java.util.Arrays.fill(out, (byte) fill);
    return out;
  }
}
