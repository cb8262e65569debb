package dev.cachet.keys;

import dev.cachet.error.GoneException;

/**
 * The slot lies before the key's prepared window. Windows only move forward, so this node will
 * never sign it.
 */
public class SlotBehindWindowException extends GoneException {

  public SlotBehindWindowException(ValidatorKeyId id, long slot, long fromSlot) {
    super(
        "SLOT_BEHIND_WINDOW",
        "the " + id + " has moved past slot " + slot + ": its window starts at slot " + fromSlot);
  }
}
