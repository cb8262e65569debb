package dev.cachet.keysign;

/** Runs a task later: the node's scheduled executor, or a simulation's virtual clock. */
@FunctionalInterface
public interface Timer {
  void schedule(Runnable task, long delayMillis);
}
