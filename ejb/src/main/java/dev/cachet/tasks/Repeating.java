package dev.cachet.tasks;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A repeating background task by name (a slot tick, an exchange's tick): runs its work and never
 * throws, so the schedule that runs it keeps running; a failure is logged with what runs again.
 */
public final class Repeating implements Runnable {

  private static final Logger LOG = Logger.getLogger(Repeating.class.getName());

  private final String name;
  private final Runnable work;

  /**
   * @param name what the log calls it ("the slot tick")
   */
  public Repeating(String name, Runnable work) {
    this.name = name;
    this.work = work;
  }

  @Override
  public void run() {
    try {
      work.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, name + " failed; it runs again at its next time", e);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
