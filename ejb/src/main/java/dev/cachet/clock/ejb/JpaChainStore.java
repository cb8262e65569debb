package dev.cachet.clock.ejb;

import dev.cachet.clock.ChainParameters;
import dev.cachet.persistence.ChainEntity;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** The database's chain row; each call is one container transaction. */
@Stateless
@LocalBean
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
