package dev.cachet.web.blob;

import dev.cachet.blob.BlobHash;
import java.util.OptionalLong;

/**
 * How a blob looks on the wire, in one place for both read paths (the JAX-RS resource and the
 * cached-blob filter): its ETag is its quoted hash, and it may be cached forever because its id is
 * the hash of its bytes.
 */
public final class BlobHttp {

  /** A blob never changes under its id. */
  static final String CACHE_CONTROL = "max-age=31536000, immutable";

  static final String OCTET_STREAM = "application/octet-stream";

  private BlobHttp() {}

  static String etag(BlobHash hash) {
    return "\"" + hash.hex() + "\"";
  }

  /** Whether an {@code If-None-Match} header names this blob (strong or weak tag, or {@code *}). */
  static boolean ifNoneMatchNames(String ifNoneMatch, BlobHash hash) {
    if (ifNoneMatch == null) {
      return false;
    }
    String etag = etag(hash);
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.strip();
      if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }

  /** A request's declared body length, if its Content-Length is a number. */
  public static OptionalLong declaredLength(String contentLength) {
    if (contentLength == null || contentLength.isBlank()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(contentLength.strip()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
