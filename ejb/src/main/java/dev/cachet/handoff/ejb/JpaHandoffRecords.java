package dev.cachet.handoff.ejb;

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
import java.util.OptionalLong;

/**
 * The handoff's durable records over JPA, each call a container transaction of its own: an insert
 * that loses to another node's (same key) fails and rolls back alone, and the caller reads the
 * winner's record in a fresh one.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class JpaHandoffRecords implements HandoffRecords {

  @PersistenceContext(unitName = "cachet")
  private EntityManager em;

  private HandoffRows rows;

  @PostConstruct
  void init() {
    rows = new HandoffRows(em, Clock.systemUTC());
  }

  @Override
  public Optional<byte[]> find(String key) {
    return rows.find(key);
  }

  @Override
  public void insert(String key, long epoch, String kind, byte[] content) {
    rows.insert(key, epoch, kind, content);
  }

  @Override
  public List<byte[]> byEpochAndKind(long epoch, String kind) {
    return rows.byEpochAndKind(epoch, kind);
  }

  @Override
  public OptionalLong latestEpoch(String kind) {
    return rows.latestEpoch(kind);
  }
}
