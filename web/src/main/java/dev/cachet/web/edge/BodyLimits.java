package dev.cachet.web.edge;

import dev.cachet.blob.BlobTooLargeException;
import dev.cachet.error.TooLargeException;

/**
 * How large a request body may be. Blob uploads and this node's metadata blobs may be as large as
 * {@code cachet.blob.max-size}; a committee (up to 1,000 members) and a peer message (its snapshots
 * and certificates grow with the committee) are JSON of at most {@value #COMMITTEE_MAX_BYTES}
 * bytes; every other body is JSON of at most {@value #JSON_MAX_BYTES} bytes. An oversized body gets
 * the 413 its resource would give ({@code BLOB_TOO_LARGE}, {@code BODY_TOO_LARGE}), whether the
 * edge finds it on the declared length or on the bytes that arrived.
 */
public record BodyLimits(long blobMaxSize) {

  /** Largest JSON request body: requests are a few hex fields. */
  public static final int JSON_MAX_BYTES = 64 * 1024;

  /**
   * Largest committee body: 1,000 members of a few hundred bytes each (a 64-hex key, a name of up
   * to 128 characters, a URL of up to 512).
   */
  public static final int COMMITTEE_MAX_BYTES = 1024 * 1024;

  /** Largest peer message ({@code /api/v1/peer/**}): 1 MiB. */
  public static final int PEER_JSON_MAX_BYTES = 1024 * 1024;

  /** Where committees are set ({@code PUT …/{epoch}}). */
  static final String COMMITTEES = "/api/v1/admin/committees";

  public BodyLimits {
    if (blobMaxSize < 0) {
      throw new IllegalArgumentException("blobMaxSize must not be negative: " + blobMaxSize);
    }
  }

  /** The most body bytes a request may send. */
  public long limit(String method, String path) {
    if (isBlobUpload(method, path)) {
      return blobMaxSize;
    }
    if (EdgeRules.under(path, EdgeRules.PEER)) {
      return PEER_JSON_MAX_BYTES;
    }
    return isCommitteeSetting(method, path) ? COMMITTEE_MAX_BYTES : JSON_MAX_BYTES;
  }

  /** The 413 of a body over {@link #limit}, as the resource reading it would answer. */
  public Refusal tooLarge(String method, String path) {
    TooLargeException e =
        isBlobUpload(method, path)
            ? new BlobTooLargeException(blobMaxSize)
            : jsonTooLarge((int) limit(method, path));
    return Refusal.of(413, e).closing();
  }

  /** The 413 of a JSON body over {@value #JSON_MAX_BYTES} bytes. */
  public static TooLargeException jsonTooLarge() {
    return jsonTooLarge(JSON_MAX_BYTES);
  }

  /** The 413 of a JSON body over {@code maxBytes}, its resource's limit. */
  public static TooLargeException jsonTooLarge(int maxBytes) {
    return new TooLargeException(
        "BODY_TOO_LARGE", "a JSON request body is at most " + maxBytes + " bytes");
  }

  private static boolean isBlobUpload(String method, String path) {
    return method.equalsIgnoreCase("PUT")
        && (EdgeRules.under(path, EdgeRules.BLOBS)
            || EdgeRules.under(path, EdgeRules.ADMIN_METADATA));
  }

  private static boolean isCommitteeSetting(String method, String path) {
    return method.equalsIgnoreCase("PUT") && path.startsWith(COMMITTEES + "/");
  }
}
