package dev.cachet.node.ejb;

import dev.cachet.host.ejb.NodeDataDirectory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Readies the node's database before anything uses it: migrates its schema ({@link
 * SchemaMigrations}), and makes every commit durable before it returns. Every bean that touches the
 * database depends on this one. The embedded database's files, just created by H2 with the
 * process's umask, are then made owner-only too ({@link NodeDataDirectory}).
 *
 * <p>H2 by default writes commits to its file up to half a second later, so a node killed in that
 * moment (SIGKILL, OOM killer) loses commits it had reported, among them signed slots whose
 * signatures had left the node: a leaf could then be used twice. {@code SET WRITE_DELAY 0} is
 * stored in the database, so it holds for any H2 URL. It protects against the process dying; H2
 * does not sync each commit, so against power loss only PostgreSQL protects, whose sessions the
 * node runs with {@code synchronous_commit=on} ({@link NodeJdbcDataSource}).
 */
@Singleton
@Startup
@Lock(LockType.READ)
@DependsOn("NodeDataDirectory")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NodeDatabase {

  private static final Logger LOG = Logger.getLogger(NodeDatabase.class.getName());

  @Resource(lookup = "java:app/jdbc/cachet")
  private DataSource dataSource;

  @EJB private NodeDataDirectory dataDirectory;

  @PostConstruct
  void start() {
    makeCommitsDurable(dataSource);
    SchemaMigrations.migrate(dataSource);
    dataDirectory.tightenStorageFiles();
  }

  /** On H2: {@code SET WRITE_DELAY 0}. PostgreSQL's sessions are synchronous already. */
  public static void makeCommitsDurable(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      if ("H2".equals(connection.getMetaData().getDatabaseProductName())) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("SET WRITE_DELAY 0");
        }
        LOG.info("H2: every commit is written to the database file before it returns");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot make the database's commits durable", e);
    }
  }
}
