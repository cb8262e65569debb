package dev.cachet.keys.ejb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.state.ejb.TestDatabase;
import dev.cachet.xmss.StoredWindowShape;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The node-private window store on H2 and PostgreSQL: one window per key, replaced by a window at
 * least as new and never by an older one (two nodes preparing one key), gone when the key retires.
 */
class JpaKeyWindowsTest {

  private static final String ROOT = "ab".repeat(32);
  private static final String OTHER_ROOT = "cd".repeat(32);

  @Test
  void keepsTheNewestWindowOfEachKeyOnH2() {
    try (TestDatabase db =
        TestDatabase.h2("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")) {
      keepsTheNewestWindowOfEachKey(db);
    }
  }

  @Test
  void keepsTheNewestWindowOfEachKeyOnPostgres() {
    try (TestDatabase db = TestDatabase.postgres()) {
      keepsTheNewestWindowOfEachKey(db);
    }
  }

  private static void keepsTheNewestWindowOfEachKey(TestDatabase db) {
    keep(db, ROOT, 3, new byte[] {3});
    keep(db, OTHER_ROOT, 9, new byte[] {9});
    assertThat(fetch(db, ROOT)).contains(new byte[] {3});

    keep(db, ROOT, 4, new byte[] {4, 4});
    assertThat(fetch(db, ROOT)).as("a newer window replaces it").contains(new byte[] {4, 4});
    keep(db, ROOT, 3, new byte[] {3});
    assertThat(fetch(db, ROOT)).as("an older one does not").contains(new byte[] {4, 4});

    db.inTransaction(
        em -> {
          new JpaKeyWindows(em, Clock.systemUTC()).delete(ROOT);
          return null;
        });
    assertThat(fetch(db, ROOT)).isEmpty();
    assertThat(fetch(db, OTHER_ROOT)).as("other keys keep theirs").contains(new byte[] {9});
  }

  private static void keep(TestDatabase db, String root, long tree, byte[] window) {
    db.inTransaction(
        em -> {
          new JpaKeyWindows(em, Clock.systemUTC()).keep(new StoredWindowShape(root, tree), window);
          return null;
        });
  }

  private static Optional<byte[]> fetch(TestDatabase db, String root) {
    return db.inTransaction(em -> new JpaKeyWindows(em, Clock.systemUTC()).fetch(root));
  }
}
