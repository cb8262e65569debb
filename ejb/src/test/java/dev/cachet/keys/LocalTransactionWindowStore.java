package dev.cachet.keys;

import dev.cachet.keys.ejb.JpaKeyWindows;
import dev.cachet.state.ejb.TestDatabase;
import dev.cachet.xmss.StoredWindowShape;
import java.time.Clock;
import java.util.Optional;

/** The node's window rows over JPA, one resource-local transaction per call, as in the node. */
final class LocalTransactionWindowStore implements WindowStore {

  private final TestDatabase database;

  LocalTransactionWindowStore(TestDatabase database) {
    this.database = database;
  }

  private static JpaKeyWindows rows(jakarta.persistence.EntityManager em) {
    return new JpaKeyWindows(em, Clock.systemUTC());
  }

  @Override
  public void keep(StoredWindowShape shape, byte[] window) {
    database.inTransaction(
        em -> {
          rows(em).keep(shape, window);
          return null;
        });
  }

  @Override
  public Optional<byte[]> fetch(String rootHex) {
    return database.inTransaction(em -> rows(em).fetch(rootHex));
  }

  @Override
  public void delete(String rootHex) {
    database.inTransaction(
        em -> {
          rows(em).delete(rootHex);
          return null;
        });
  }
}
