package dev.cachet.state.ejb;

import dev.cachet.node.ejb.NodeDatabase;
import dev.cachet.node.ejb.NodeJdbcDataSource;
import dev.cachet.node.ejb.SchemaMigrations;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The node's real persistence unit ("cachet", its entities and mappings) on a real database (H2, or
 * PostgreSQL from {@link TestPostgres}), outside the container: the schema is migrated by the
 * node's own migrations first, then the unit is switched to resource-local transactions and given
 * the JDBC URL.
 */
public final class TestDatabase implements AutoCloseable {

  private final EntityManagerFactory factory;
  private final DataSource dataSource;

  private TestDatabase(String jdbcUrl, String driver, String user, String password) {
    dataSource = NodeJdbcDataSource.create(jdbcUrl, user, password);
    NodeDatabase.makeCommitsDurable(dataSource);
    SchemaMigrations.migrate(dataSource);
    factory =
        Persistence.createEntityManagerFactory(
            "cachet",
            Map.of(
                "jakarta.persistence.transactionType",
                "RESOURCE_LOCAL",
                "jakarta.persistence.jtaDataSource",
                "",
                "jakarta.persistence.nonJtaDataSource",
                "",
                "jakarta.persistence.jdbc.driver",
                driver,
                "jakarta.persistence.jdbc.url",
                jdbcUrl,
                "jakarta.persistence.jdbc.user",
                user,
                "jakarta.persistence.jdbc.password",
                password,
                "eclipselink.logging.level",
                "WARNING"));
  }

  /** An H2 database (file or in-memory) at {@code jdbcUrl}. */
  public static TestDatabase h2(String jdbcUrl) {
    return new TestDatabase(jdbcUrl, "org.h2.Driver", "sa", "");
  }

  /** A fresh database on the shared test PostgreSQL server. */
  public static TestDatabase postgres() {
    return new TestDatabase(
        TestPostgres.freshDatabase(), "org.postgresql.Driver", TestPostgres.USER, "");
  }

  /** The database as the node's datasource sees it. */
  public DataSource dataSource() {
    return dataSource;
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
