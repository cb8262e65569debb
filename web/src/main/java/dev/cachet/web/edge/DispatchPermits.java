package dev.cachet.web.edge;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.util.concurrent.Semaphore;

/**
 * How many requests whose bodies were read off the worker threads may run at once. The container
 * runs such a request, once dispatched, on its own async pool, which is not bounded the way its
 * HTTP workers are; without this bound a flood of fast clients would each get a thread. A request
 * beyond it is refused at once (503 {@code SERVER_BUSY}, {@code Retry-After: 1}), never queued.
 */
final class DispatchPermits {

  private final Semaphore permits;

  DispatchPermits(int permits) {
    this.permits = new Semaphore(Math.max(1, permits));
  }

  int available() {
    return permits.availablePermits();
  }

  /**
   * One request's claim on a permit, to be registered as a listener of its async context when the
   * async cycle starts (the servlet API allows no listener after the filter has returned): it takes
   * a permit when the body has arrived, and gives it back once, however the request then ends.
   */
  Permit permit() {
    return new Permit(permits);
  }

  static final class Permit implements AsyncListener {
    private final Semaphore permits;
    private boolean held;
    private boolean ended;

    private Permit(Semaphore permits) {
      this.permits = permits;
    }

    /** Takes a permit if one is free; false if none is, or if the request has ended. */
    synchronized boolean acquire() {
      if (held || ended) {
        return held;
      }
      held = permits.tryAcquire();
      return held;
    }

    private synchronized void release() {
      ended = true;
      if (held) {
        held = false;
        permits.release();
      }
    }

    @Override
    public void onComplete(AsyncEvent event) {
      release();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      release();
    }

    @Override
    public void onError(AsyncEvent event) {
      release();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      // a dispatched request that starts async again keeps its permit until it completes
    }
  }
}
