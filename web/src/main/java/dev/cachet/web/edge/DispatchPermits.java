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

  /** Takes a permit if one is free; the listener gives it back when the request ends. */
  boolean tryAcquire() {
    return permits.tryAcquire();
  }

  int available() {
    return permits.availablePermits();
  }

  /** Gives the permit back once, however the dispatched request ends. */
  AsyncListener releaser() {
    return new Releaser(permits);
  }

  private static final class Releaser implements AsyncListener {
    private final Semaphore permits;
    private boolean released;

    Releaser(Semaphore permits) {
      this.permits = permits;
    }

    private synchronized void release() {
      if (!released) {
        released = true;
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
