package dev.cachet.keys;

/** Where a key is in its life, as the read API reports it. */
public enum KeyState {
  /** Generated or restored, its first window not yet prepared. */
  PREPARING,
  /** Its window signs. */
  ACTIVE,
  /** Its lifetime is used up: reported, never reused. */
  EXHAUSTED,
  /** Retired by the operator: it signs nothing any more. */
  RETIRED
}
