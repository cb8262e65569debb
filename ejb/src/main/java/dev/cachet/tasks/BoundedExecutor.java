package dev.cachet.tasks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs tasks on a shared executor, at most {@link #threads()} at a time, the rest waiting in the
 * order they came: a fixed-size pool (what {@code Executors.newFixedThreadPool} is) carved out of
 * the container's managed executor. Written by hand because the bound is configuration ({@code
 * cachet.keys.preparation-threads}), read at run time, while a managed executor's size is fixed
 * before the application starts (Jakarta Concurrency's {@code @ManagedExecutorDefinition} takes
 * {@code maxAsync} as a compile-time constant, and on Payara 6 an executor so defined in the EJB
 * module was not bound at all; the node's executor comes from a pre-boot command instead). Neither
 * the JDK nor a well-kept library limits the tasks one client puts on an executor.
 *
 * <p>Each of at most {@code threads} workers on the shared executor runs its task, then the next
 * waiting one, until none waits. A task that throws is logged and the worker goes on.
 */
public final class BoundedExecutor implements Executor {

  private static final Logger LOG = Logger.getLogger(BoundedExecutor.class.getName());

  private final ExecutorService shared;
  private final int threads;
  private final String name;
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private final Set<Future<?>> workers = new HashSet<>();
  private int running;
  private boolean shutDown;

  /**
   * @param shared the executor the workers run on (in the container, a managed executor)
   * @param threads at most this many tasks run at once (at least 1)
   * @param name what the log calls this executor
   */
  public BoundedExecutor(ExecutorService shared, int threads, String name) {
    this.shared = Objects.requireNonNull(shared, "shared");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
    this.threads = threads;
    this.name = Objects.requireNonNull(name, "name");
  }

  /** How many tasks run at once, at most. */
  public int threads() {
    return threads;
  }

  /**
   * Runs {@code task} when one of the {@link #threads()} is free.
   *
   * @throws RejectedExecutionException once shut down, or if the shared executor refuses a worker
   */
  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    synchronized (this) {
      if (shutDown) {
        throw new RejectedExecutionException(name + " is shut down");
      }
      if (running >= threads) {
        waiting.add(task);
        return;
      }
      running++;
    }
    Worker worker = new Worker(this, task);
    try {
      Future<?> future = shared.submit(worker);
      synchronized (this) {
        if (!worker.done) {
          workers.add(future);
        }
        worker.future = future;
      }
    } catch (RuntimeException e) {
      synchronized (this) {
        running--;
      }
      throw e;
    }
  }

  /** Tasks waiting for one of the threads. */
  public synchronized int waiting() {
    return waiting.size();
  }

  /** Tasks running now. */
  public synchronized int running() {
    return running;
  }

  /**
   * Refuses new tasks, drops the waiting ones and interrupts the running ones.
   *
   * @return the tasks that never started
   */
  public List<Runnable> shutdownNow() {
    List<Future<?>> running;
    List<Runnable> dropped;
    synchronized (this) {
      shutDown = true;
      dropped = new ArrayList<>(waiting);
      waiting.clear();
      running = new ArrayList<>(workers);
    }
    for (Future<?> worker : running) {
      worker.cancel(true);
    }
    return dropped;
  }

  private synchronized Runnable next(Worker worker) {
    Runnable next = shutDown ? null : waiting.poll();
    if (next == null) {
      running--;
      worker.done = true;
      if (worker.future != null) {
        workers.remove(worker.future);
      }
    }
    return next;
  }

  /** One of the threads: runs its task, then every waiting one, until none waits. */
  static final class Worker implements Runnable {
    private final BoundedExecutor executor;
    private final Runnable first;
    // Both guarded by the executor's monitor.
    private Future<?> future;
    private boolean done;

    Worker(BoundedExecutor executor, Runnable first) {
      this.executor = executor;
      this.first = first;
    }

    @Override
    public void run() {
      for (Runnable task = first; task != null; task = executor.next(this)) {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "a task on " + executor.name + " failed", e);
        } catch (Error e) {
          executor.failed(this);
          throw e;
        }
      }
    }
  }

  /** A worker that dies of an Error hands the waiting tasks to a new worker. */
  private void failed(Worker worker) {
    Runnable next;
    synchronized (this) {
      running--;
      worker.done = true;
      if (worker.future != null) {
        workers.remove(worker.future);
      }
      next = shutDown ? null : waiting.poll();
    }
    if (next != null) {
      execute(next);
    }
  }
}
