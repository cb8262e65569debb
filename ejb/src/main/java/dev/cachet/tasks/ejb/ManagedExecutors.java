package dev.cachet.tasks.ejb;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The node's named managed executors (Jakarta Concurrency resources the pre-boot commands create).
 * Looked up rather than injected, so that on a server where the operator has not created one the
 * node warns and uses the server's default managed executor instead of failing its deployment.
 */
public final class ManagedExecutors {

  private static final Logger LOG = Logger.getLogger(ManagedExecutors.class.getName());

  private ManagedExecutors() {}

  /** The executor named {@code jndiName}, else the default one (with a warning). */
  public static ManagedExecutorService named(String jndiName, String forWhat) {
    try {
      return (ManagedExecutorService) new InitialContext().lookup(jndiName);
    } catch (NamingException e) {
      LOG.warning(
          "no managed executor "
              + jndiName
              + " (README: create-managed-executor-service); "
              + forWhat
              + " on the server's default managed executor");
      try {
        return (ManagedExecutorService)
            new InitialContext().lookup("java:comp/DefaultManagedExecutorService");
      } catch (NamingException none) {
        throw new IllegalStateException("the container offers no managed executor", none);
      }
    }
  }
}
