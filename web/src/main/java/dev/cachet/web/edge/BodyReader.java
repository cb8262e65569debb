package dev.cachet.web.edge;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads one request body as its bytes arrive (servlet non-blocking I/O), so that no thread waits
 * for a slow client. Exactly one of four things ends it, whichever comes first: the whole body
 * arrived (the request goes on to its resource with the body in memory, if a {@link DispatchPermits
 * dispatch permit} is free, else 503 {@code SERVER_BUSY}), the body passed its limit (413), the
 * deadline passed (408 {@code REQUEST_TIMEOUT}), or the connection failed (400 {@code
 * BODY_UNREADABLE}, usually to a client that is gone). The three refusals close the connection: the
 * rest of the body is never read.
 */
final class BodyReader implements ReadListener {

  private static final Logger LOG = Logger.getLogger(BodyReader.class.getName());
  private static final int CHUNK = 16 * 1024;

  private final AsyncContext async;
  private final ServletInputStream in;
  private final BufferedBodyRequest request;
  private final HttpServletResponse response;
  private final BodyBuffer buffer;
  private final Refusal tooLarge;
  private final Duration timeout;
  private final DispatchPermits.Permit permit;
  private final AtomicBoolean ended = new AtomicBoolean();
  private final byte[] chunk = new byte[CHUNK];
  private volatile ScheduledFuture<?> deadline;

  BodyReader(
      AsyncContext async,
      ServletInputStream in,
      BufferedBodyRequest request,
      HttpServletResponse response,
      BodyBuffer buffer,
      Refusal tooLarge,
      Duration timeout,
      DispatchPermits.Permit permit) {
    this.async = async;
    this.in = in;
    this.request = request;
    this.response = response;
    this.buffer = buffer;
    this.tooLarge = tooLarge;
    this.timeout = timeout;
    this.permit = permit;
  }

  void deadline(ScheduledFuture<?> scheduled) {
    deadline = scheduled;
    if (ended.get()) {
      scheduled.cancel(false);
    }
  }

  @Override
  public void onDataAvailable() throws IOException {
    while (!ended.get() && in.isReady()) {
      int n = in.read(chunk);
      if (n == -1) {
        return; // onAllDataRead follows
      }
      if (!buffer.append(chunk, n)) {
        refuse(tooLarge);
        return;
      }
    }
  }

  @Override
  public void onAllDataRead() {
    if (!end()) {
      return;
    }
    if (!permit.acquire()) {
      answer(
          Refusal.of(
                  503,
                  "SERVER_BUSY",
                  "the node runs as many requests as it takes at once; retry in a second")
              .retryingAfter(1));
      return;
    }
    try {
      request.body(buffer.bytes());
      // The connection is not kept alive after a body read this way: Payara runs the servlet
      // read callbacks on its async pool, and one still queued or unwinding when the dispatched
      // request completes touches the recycled request, which on a kept-alive connection is the
      // next request's (found under load: that request's body was never seen, 408, or its bytes
      // were parsed as a request line, 505). It costs a new connection per body request (about
      // 6 ms of node CPU for an announcement POST instead of 2.3 ms); ending the read without a
      // last isReady() kept connections alive but left requests unanswered on Payara Server and
      // after a restart, so this stays until the callback can be kept from outliving its request.
      response.setHeader("Connection", "close");
      async.dispatch();
    } catch (RuntimeException e) { // never leave the client without an answer
      LOG.log(Level.SEVERE, "a request whose body was read could not be dispatched", e);
      answer(Refusal.of(500, "INTERNAL_ERROR", "the request could not be run").closing());
    }
  }

  @Override
  public void onError(Throwable failure) {
    LOG.log(Level.FINE, "a request body could not be read", failure);
    refuse(
        Refusal.of(
                400,
                "BODY_UNREADABLE",
                "the request body ended before its length or could not be read")
            .closing());
  }

  /** The deadline passed: called by the scheduler, on its own thread. */
  void timedOut() {
    refuse(
        Refusal.of(
                408,
                "REQUEST_TIMEOUT",
                "the request body did not arrive within " + timeout.toSeconds() + " seconds")
            .closing());
  }

  private void refuse(Refusal refusal) {
    if (end()) {
      answer(refusal);
    }
  }

  private void answer(Refusal refusal) {
    try {
      EdgeRequests.answer(response, refusal);
    } catch (IOException | RuntimeException clientGone) {
      LOG.log(Level.FINE, "could not answer " + refusal.status(), clientGone);
    } finally {
      async.complete();
    }
  }

  /** True for the one caller that ends the read. */
  private boolean end() {
    if (!ended.compareAndSet(false, true)) {
      return false;
    }
    ScheduledFuture<?> scheduled = deadline;
    if (scheduled != null) {
      scheduled.cancel(false);
    }
    return true;
  }

  /** The deadline task: a named class, so that a thread dump says what the scheduler runs. */
  static final class Deadline implements Runnable {

    private final BodyReader reader;

    Deadline(BodyReader reader) {
      this.reader = reader;
    }

    @Override
    public void run() {
      reader.timedOut();
    }
  }
}
