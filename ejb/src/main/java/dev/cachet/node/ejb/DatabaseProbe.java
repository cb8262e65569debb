package dev.cachet.node.ejb;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** Asks the node's database whether it answers, for readiness and the admin status. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabaseProbe {

  private static final Logger LOG = Logger.getLogger(DatabaseProbe.class.getName());
  private static final int VALIDATION_TIMEOUT_SECONDS = 2;

  @Resource(lookup = "java:app/jdbc/cachet")
  private DataSource dataSource;

  /** The database product and version if the database answers within the timeout. */
  public Optional<String> product() {
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
        return Optional.empty();
      }
      DatabaseMetaData meta = connection.getMetaData();
      return Optional.of(meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "the database does not answer", e);
      return Optional.empty();
    }
  }
}
