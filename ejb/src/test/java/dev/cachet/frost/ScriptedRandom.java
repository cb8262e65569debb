package dev.cachet.frost;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A SecureRandom that returns given byte strings, in order, one per nextBytes call: the published
 * vectors fix the randomness of nonce_generate. Asking for more, or for another length, fails.
 */
final class ScriptedRandom extends SecureRandom {

  private static final long serialVersionUID = 1L;

  private final transient Deque<byte[]> script;

  ScriptedRandom(List<byte[]> script) {
    super(new byte[0]);
    this.script = new ArrayDeque<>(script);
  }

  @Override
  public synchronized void nextBytes(byte[] bytes) {
    byte[] next = script.pollFirst();
    if (next == null || next.length != bytes.length) {
      throw new IllegalStateException("the script has no " + bytes.length + "-byte value left");
    }
    System.arraycopy(next, 0, bytes, 0, bytes.length);
  }
}
