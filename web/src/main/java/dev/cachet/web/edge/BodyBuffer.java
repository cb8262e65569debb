package dev.cachet.web.edge;

import java.util.Arrays;

/**
 * The bytes of one request body as they arrive, never more than its limit: the byte that would pass
 * the limit is refused, not stored, so a body costs at most its limit in memory.
 */
final class BodyBuffer {

  /** The most a buffer holds before any byte arrived; it doubles as the bytes come. */
  private static final int LARGEST_START = 64 * 1024;

  private final long limit;
  private byte[] bytes;
  private int size;

  /**
   * @param declaredLength the Content-Length, or -1 when the body is chunked
   */
  BodyBuffer(long limit, long declaredLength) {
    if (limit < 0 || limit > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("limit out of range: " + limit);
    }
    this.limit = limit;
    long start = declaredLength >= 0 ? Math.min(declaredLength, LARGEST_START) : LARGEST_START;
    this.bytes = new byte[(int) Math.min(start, limit)];
  }

  /** Appends {@code length} bytes of {@code chunk}; false, appending nothing, past the limit. */
  boolean append(byte[] chunk, int length) {
    if (size + (long) length > limit) {
      return false;
    }
    if (size + length > bytes.length) {
      long grown = Math.max(size + (long) length, 2L * bytes.length);
      bytes = Arrays.copyOf(bytes, (int) Math.min(grown, limit));
    }
    System.arraycopy(chunk, 0, bytes, size, length);
    size += length;
    return true;
  }

  /** Bytes held in memory now, filled or not. */
  int capacity() {
    return bytes.length;
  }

  /** The body so far; the buffer's own array when it is exactly full, to spare a copy. */
  byte[] bytes() {
    return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
  }
}
