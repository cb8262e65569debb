package dev.cachet.state.ejb;

import dev.cachet.state.StateStore;
import dev.cachet.state.StoredRecord;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * {@link JpaStateRows} with one resource-local transaction per call, as {@link JpaStateStore} has
 * one container transaction per call. {@code rowsFactory} lets a test inject faults.
 */
public final class LocalTransactionStateStore implements StateStore {

  private final TestDatabase database;
  private final BiFunction<EntityManager, Clock, JpaStateRows> rowsFactory;

  public LocalTransactionStateStore(TestDatabase database) {
    this(database, JpaStateRows::new);
  }

  public LocalTransactionStateStore(
      TestDatabase database, BiFunction<EntityManager, Clock, JpaStateRows> rowsFactory) {
    this.database = database;
    this.rowsFactory = rowsFactory;
  }

  private JpaStateRows rows(EntityManager em) {
    return rowsFactory.apply(em, Clock.systemUTC());
  }

  @Override
  public List<StoredRecord> loadAll() {
    return database.inTransaction(em -> rows(em).loadAll());
  }

  @Override
  public Optional<StoredRecord> load(String name) {
    return database.inTransaction(em -> rows(em).load(name));
  }

  @Override
  public <S extends Sealed> Written<S> write(
      String name, Optional<String> marker, Sealer<S> sealer) {
    return database.inTransaction(em -> rows(em).write(name, marker, sealer));
  }

  @Override
  public boolean markerExists(String marker) {
    return database.inTransaction(em -> rows(em).markerExists(marker));
  }
}
