package dev.cachet.web.edge;

import dev.cachet.blob.BlobTooLargeException;
import dev.cachet.error.TooLargeException;

/**
 * How large a request body may be. Blob uploads may be as large as {@code cachet.blob.max-size};
 * every other body is JSON of at most {@value #JSON_MAX_BYTES} bytes. An oversized body gets the
 * 413 its resource would give ({@code BLOB_TOO_LARGE}, {@code BODY_TOO_LARGE}), whether the edge
 * finds it on the declared length or on the bytes that arrived.
 */
public record BodyLimits(long blobMaxSize) {

  /** Largest JSON request body: requests are a few hex fields. */
  public static final int JSON_MAX_BYTES = 64 * 1024;

  public BodyLimits {
    if (blobMaxSize < 0) {
      throw new IllegalArgumentException("blobMaxSize must not be negative: " + blobMaxSize);
    }
  }

  /** The most body bytes a request may send. */
  public long limit(String method, String path) {
    return isBlobUpload(method, path) ? blobMaxSize : JSON_MAX_BYTES;
  }

  /** The 413 of a body over {@link #limit}, as the resource reading it would answer. */
  public Refusal tooLarge(String method, String path) {
    TooLargeException e =
        isBlobUpload(method, path) ? new BlobTooLargeException(blobMaxSize) : jsonTooLarge();
    return Refusal.of(413, e).closing();
  }

  /** The 413 of a JSON body over {@value #JSON_MAX_BYTES} bytes. */
  public static TooLargeException jsonTooLarge() {
    return new TooLargeException(
        "BODY_TOO_LARGE", "a JSON request body is at most " + JSON_MAX_BYTES + " bytes");
  }

  private static boolean isBlobUpload(String method, String path) {
    return method.equalsIgnoreCase("PUT") && EdgeRules.under(path, EdgeRules.BLOBS);
  }
}
