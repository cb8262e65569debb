package dev.cachet.clock.ejb;

import dev.cachet.clock.ChainParameters;
import dev.cachet.persistence.ChainEntity;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/**
 * The database's chain row. Each call is a transaction of its own, also when its caller runs in one
 * (a singleton's start): a refused insert, another node having stored the chain first, must not
 * doom the caller's reading of that node's chain.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class JpaChainStore {

  @PersistenceContext(unitName = "cachet")
  private EntityManager em;

  public Optional<ChainParameters> load() {
    return Optional.ofNullable(em.find(ChainEntity.class, ChainEntity.ID))
        .map(row -> new ChainParameters(row.getGenesisTime(), row.getSecondsPerSlot()));
  }

  /** Inserts the chain; fails on the primary key if another node stored one first. */
  public void insert(ChainParameters chain) {
    em.persist(new ChainEntity(chain.genesis(), chain.secondsPerSlot()));
    em.flush();
  }
}
