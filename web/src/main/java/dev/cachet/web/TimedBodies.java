package dev.cachet.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a body that stalled from one that broke off. The edge reads bodies into memory within a
 * bound (BodyReadingFilter); should a resource still read from the connection, the listener's
 * timeouts end a stalled read with an interrupted or timed-out I/O error, which is the client's
 * slowness (408 {@code REQUEST_TIMEOUT}), where any other I/O error is a body that ended early.
 */
public final class TimedBodies {

  private TimedBodies() {}

  /** Whether {@code e} (or a cause) says that a read waited past its time. */
  public static boolean timedOut(IOException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof InterruptedIOException
          || cause instanceof TimeoutException
          || cause instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }

  /** The 408 for a body whose read timed out. */
  public static RequestTimeoutException timeout(IOException e) {
    return new RequestTimeoutException("the request body did not arrive in time", e);
  }

  /** {@code body} with a read that times out thrown as {@link RequestTimeoutException}. */
  public static InputStream timed(InputStream body) {
    return body == null ? null : new TimedInputStream(body);
  }

  private static final class TimedInputStream extends FilterInputStream {

    TimedInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        if (timedOut(e)) {
          throw timeout(e);
        }
        throw e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (IOException e) {
        if (timedOut(e)) {
          throw timeout(e);
        }
        throw e;
      }
    }
  }
}
