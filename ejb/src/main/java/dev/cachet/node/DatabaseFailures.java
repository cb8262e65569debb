package dev.cachet.node;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Tells a failure of the database (down, restarting, unreachable, out of connections, a commit
 * whose outcome is unknown) from a bug. Such a request is answered 503 {@code
 * DATABASE_UNAVAILABLE}: the caller retries, and a signing retry is safe because nothing is
 * released unless its record committed, and a record that did commit answers the same request with
 * the same signature.
 *
 * <p>Connection trouble is SQLSTATE class 08, 53 (insufficient resources) and 57P (operator
 * intervention: shutdown, restart); the JDBC transient and recoverable exceptions; and the
 * container's exceptions around them (connection pool, transaction manager), recognised by class
 * name since this core does not see the container's types.
 */
public final class DatabaseFailures {

  private static final Set<String> CONTAINER_TYPES =
      Set.of(
          "jakarta.resource.ResourceException",
          "jakarta.resource.spi.ResourceAllocationException",
          "com.sun.appserv.connectors.internal.api.PoolingException",
          "jakarta.transaction.RollbackException",
          "jakarta.transaction.SystemException",
          "jakarta.transaction.HeuristicMixedException",
          "jakarta.transaction.HeuristicRollbackException",
          "javax.transaction.xa.XAException");

  private DatabaseFailures() {}

  /** Whether {@code failure}, or anything it was caused by, says the database is unavailable. */
  public static boolean unavailable(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    return unavailable(failure, seen);
  }

  private static boolean unavailable(Throwable t, Set<Throwable> seen) {
    if (t == null || !seen.add(t)) {
      return false;
    }
    if (t instanceof SQLTransientException
        || t instanceof SQLRecoverableException
        || t instanceof SQLTimeoutException
        || t instanceof SQLNonTransientConnectionException) {
      return true;
    }
    if (t instanceof SQLException sql) {
      if (connectionState(sql.getSQLState())) {
        return true;
      }
      if (unavailable(sql.getNextException(), seen)) {
        return true;
      }
    }
    if (isContainerType(t.getClass())) {
      return true;
    }
    return unavailable(t.getCause(), seen);
  }

  private static boolean connectionState(String state) {
    return state != null
        && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P"));
  }

  private static boolean isContainerType(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (CONTAINER_TYPES.contains(c.getName())) {
        return true;
      }
    }
    return false;
  }
}
