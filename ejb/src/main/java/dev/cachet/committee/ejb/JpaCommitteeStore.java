package dev.cachet.committee.ejb;

import dev.cachet.committee.Committee;
import dev.cachet.committee.CommitteeStore;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Optional;

/**
 * The node's committee store. Each call is a container transaction of its own, whatever its caller
 * runs in: an insert that loses to another node's fails and rolls back alone, and the reading of
 * the winner's committee that follows it ({@link ConcurrentCommitteeInsert}) runs in a fresh one.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class JpaCommitteeStore implements CommitteeStore {

  @PersistenceContext(unitName = "cachet")
  private EntityManager em;

  private JpaCommitteeRows rows;

  @PostConstruct
  void init() {
    rows = new JpaCommitteeRows(em, Clock.systemUTC());
  }

  @Override
  public Optional<Committee> find(long epoch) {
    return rows.find(epoch);
  }

  @Override
  public boolean insertIfAbsent(Committee committee) {
    return rows.insertIfAbsent(committee);
  }
}
