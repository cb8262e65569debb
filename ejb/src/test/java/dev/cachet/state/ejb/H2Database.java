package dev.cachet.state.ejb;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.Map;
import java.util.function.Function;

/**
 * The node's real persistence unit ("cachet", its entities and mappings) on a real H2 database,
 * outside the container: the unit is switched to resource-local transactions and given a JDBC URL.
 */
public final class H2Database implements AutoCloseable {

  private final EntityManagerFactory factory;

  public H2Database(String jdbcUrl) {
    factory =
        Persistence.createEntityManagerFactory(
            "cachet",
            Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jtaDataSource", "",
                "jakarta.persistence.nonJtaDataSource", "",
                "jakarta.persistence.jdbc.driver", "org.h2.Driver",
                "jakarta.persistence.jdbc.url", jdbcUrl,
                "jakarta.persistence.jdbc.user", "sa",
                "jakarta.persistence.jdbc.password", "",
                "eclipselink.logging.level", "WARNING"));
  }

  /** Runs {@code work} in its own transaction, committing on return and rolling back on a throw. */
  public <T> T inTransaction(Function<EntityManager, T> work) {
    EntityManager em = factory.createEntityManager();
    try {
      em.getTransaction().begin();
      T result = work.apply(em);
      em.getTransaction().commit();
      return result;
    } catch (RuntimeException e) {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
      throw e;
    } finally {
      em.close();
    }
  }

  @Override
  public void close() {
    factory.close();
  }
}
