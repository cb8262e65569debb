package dev.cachet.web.error;

import dev.cachet.error.CachetException;
import dev.cachet.error.ConflictException;
import dev.cachet.error.CorruptStateException;
import dev.cachet.error.ForbiddenException;
import dev.cachet.error.GoneException;
import dev.cachet.error.InvalidRequestException;
import dev.cachet.error.PeerFaultException;
import dev.cachet.error.RetryLaterException;
import dev.cachet.error.TooLargeException;
import dev.cachet.error.UnknownResourceException;
import dev.cachet.web.RequestTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * The one table from what happened (a core error family) to the HTTP status a client sees. Nowhere
 * else decides a status for a core failure: the core says what happened, this says how HTTP puts
 * it. A failure of no family is a bug and is 500.
 *
 * <table>
 *   <caption>Families and statuses</caption>
 *   <tr><th>family</th><th>status</th></tr>
 *   <tr><td>invalid input</td><td>400</td></tr>
 *   <tr><td>forbidden (known, but not allowed)</td><td>403</td></tr>
 *   <tr><td>unknown</td><td>404</td></tr>
 *   <tr><td>a request body too slow (the web module's own)</td><td>408</td></tr>
 *   <tr><td>conflict with stored state</td><td>409</td></tr>
 *   <tr><td>gone for good</td><td>410</td></tr>
 *   <tr><td>too large</td><td>413</td></tr>
 *   <tr><td>corrupt stored state</td><td>500, with its own code</td></tr>
 *   <tr><td>a peer's fault</td><td>502 {@code PEER_FAULT}, naming the peers</td></tr>
 *   <tr><td>not yet</td><td>503 with {@code Retry-After}</td></tr>
 * </table>
 */
public final class ErrorStatus {

  /** One row: a family and its status. Checked in order, so a family comes before its parents. */
  private record Row(Class<? extends CachetException> family, int status) {}

  private static final List<Row> TABLE =
      List.of(
          new Row(RequestTimeoutException.class, 408),
          new Row(InvalidRequestException.class, 400),
          new Row(ForbiddenException.class, 403),
          new Row(UnknownResourceException.class, 404),
          new Row(ConflictException.class, 409),
          new Row(GoneException.class, 410),
          new Row(TooLargeException.class, 413),
          new Row(CorruptStateException.class, 500),
          new Row(PeerFaultException.class, 502),
          new Row(RetryLaterException.class, 503));

  /** The status for a failure of no family: a bug. */
  static final int UNCLASSIFIED = 500;

  private ErrorStatus() {}

  /** The HTTP status of {@code failure}. */
  public static int of(CachetException failure) {
    for (Row row : TABLE) {
      if (row.family().isInstance(failure)) {
        return row.status();
      }
    }
    return UNCLASSIFIED;
  }

  /**
   * {@code Retry-After} in whole seconds, rounded up: at least 1, at most {@link
   * RetryLaterException#LONGEST}; computed on the duration's parts, so nothing overflows.
   */
  public static long retryAfterSeconds(Duration retryAfter) {
    if (retryAfter.isNegative()) {
      return 1;
    }
    Duration capped =
        retryAfter.compareTo(RetryLaterException.LONGEST) > 0
            ? RetryLaterException.LONGEST
            : retryAfter;
    return Math.max(1, capped.getSeconds() + (capped.getNano() > 0 ? 1 : 0));
  }
}
