package dev.cachet.blob;

import dev.cachet.error.InvalidRequestException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * Reads a request body of at most {@code maxSize} bytes. It trusts no declared length: a body that
 * declares more is refused before reading, and one that turns out longer than the limit is refused
 * as soon as the first byte past the limit arrives, so the node never buffers more than the limit
 * plus one read buffer.
 */
public final class BlobBodyReader {

  private static final int CHUNK = 64 * 1024;

  private final long maxSize;

  public BlobBodyReader(long maxSize) {
    if (maxSize < 0 || maxSize > Integer.MAX_VALUE - CHUNK) {
      throw new IllegalArgumentException("maxSize out of range: " + maxSize);
    }
    this.maxSize = maxSize;
  }

  /**
   * Reads the whole body.
   *
   * @param declaredLength the request's Content-Length, if it sent one
   * @throws BlobTooLargeException if the declared or actual length exceeds the limit
   * @throws InvalidRequestException if the body breaks off
   */
  public byte[] read(InputStream body, OptionalLong declaredLength) {
    if (declaredLength.isPresent() && declaredLength.getAsLong() > maxSize) {
      throw new BlobTooLargeException(maxSize);
    }
    int expected = (int) Math.min(declaredLength.orElse(CHUNK), maxSize);
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(expected, 32));
    byte[] chunk = new byte[CHUNK];
    long total = 0;
    try {
      int n;
      while ((n = body.read(chunk, 0, (int) Math.min(CHUNK, maxSize - total + 1))) != -1) {
        total += n;
        if (total > maxSize) {
          throw new BlobTooLargeException(maxSize);
        }
        out.write(chunk, 0, n);
      }
    } catch (IOException e) {
      throw new InvalidRequestException(
          "BODY_UNREADABLE", "the request body could not be read to its end", e);
    }
    return out.toByteArray();
  }
}
