package dev.cachet.error;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Base of every failure the node reports to a caller. A failure belongs to exactly one family,
 * which says what happened, free of any transport: invalid input, unknown, a conflict with stored
 * state, gone for good, not yet, too large, a peer's fault, corrupt stored state. The web module
 * decides the HTTP status of each family in one table. The {@link #code()} is the stable
 * machine-readable name clients rely on, the message a human sentence that never contains secret
 * material.
 */
public abstract class CachetException extends RuntimeException {

  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");

  private final String code;

  protected CachetException(String code, String message) {
    this(code, message, null);
  }

  protected CachetException(String code, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    if (!CODE.matcher(Objects.requireNonNull(code, "code")).matches()) {
      throw new IllegalArgumentException("error code must be UPPER_SNAKE_CASE: " + code);
    }
    this.code = code;
  }

  /** Stable UPPER_SNAKE_CASE error code. */
  public String code() {
    return code;
  }
}
