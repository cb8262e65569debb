package dev.cachet.state.ejb;

import dev.cachet.state.StateStore;
import dev.cachet.state.StoredRecord;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The vault's storage in the node: each call is a container transaction of its own, whatever its
 * caller runs in, so a write commits (or fails) on its own before the vault changes memory.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class JpaStateStore implements StateStore {

  @PersistenceContext(unitName = "cachet")
  private EntityManager em;

  private JpaStateRows rows;

  @PostConstruct
  void init() {
    rows = new JpaStateRows(em, Clock.systemUTC());
  }

  @Override
  public List<StoredRecord> loadAll() {
    return rows.loadAll();
  }

  @Override
  public Optional<StoredRecord> load(String name) {
    return rows.load(name);
  }

  @Override
  public <S extends Sealed> Written<S> write(
      String name, Optional<String> marker, Sealer<S> sealer) {
    return rows.write(name, marker, sealer);
  }

  @Override
  public boolean markerExists(String marker) {
    return rows.markerExists(marker);
  }

  /** Bytes of all stored envelopes, for metrics. */
  public long storedBytes() {
    return em.createQuery("SELECT COALESCE(SUM(r.size), 0) FROM StateRecordEntity r", Number.class)
        .getSingleResult()
        .longValue();
  }
}
