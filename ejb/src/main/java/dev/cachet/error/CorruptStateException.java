package dev.cachet.error;

/**
 * Stored state this node cannot trust: a record that fails authentication, a malformed envelope, a
 * schema or algorithm this node does not know, a prepared window that does not belong to its key.
 * The node fails closed: it signs nothing from that state, leaves it as it is for the operator to
 * examine, and reports itself not ready until the state is readable again. Neither the caller's
 * fault nor something a retry fixes.
 */
public class CorruptStateException extends CachetException {

  public CorruptStateException(String code, String message) {
    super(code, message);
  }

  public CorruptStateException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
