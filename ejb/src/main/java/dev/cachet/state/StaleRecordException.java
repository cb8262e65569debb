package dev.cachet.state;

import dev.cachet.error.ConflictException;

/**
 * Another writer (another node sharing the database) changed the record between this node's load
 * and its row lock. The write is rolled back and the vault applies the update again to the newer
 * state; callers see it only if that keeps happening ({@code STATE_CONTENDED}).
 */
public class StaleRecordException extends ConflictException {

  public StaleRecordException() {
    super("STATE_STALE", "the state record changed since it was loaded");
  }
}
