package dev.cachet.node.ejb;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
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

  /** What the database answered: its product and version, or why it did not answer. */
  public record Answer(boolean up, String product, String reason) {}

  /** Whether the database answers within the timeout, and what it is. */
  public Answer probe() {
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
        return new Answer(
            false, "unavailable", "no answer within " + VALIDATION_TIMEOUT_SECONDS + " s");
      }
      DatabaseMetaData meta = connection.getMetaData();
      return new Answer(
          true, meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion(), "");
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "the database does not answer", e);
      return new Answer(false, "unavailable", rootMessage(e));
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }
}
