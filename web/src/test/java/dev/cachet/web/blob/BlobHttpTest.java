package dev.cachet.web.blob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.blob.BlobHash;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A blob's ETag is its quoted hash, and If-None-Match matches it in every form HTTP allows. */
class BlobHttpTest {

  private static final BlobHash HASH = BlobHash.of("hello".getBytes(StandardCharsets.UTF_8));
  private static final BlobHash OTHER = BlobHash.of("other".getBytes(StandardCharsets.UTF_8));

  @Test
  void etagIsTheQuotedHash() {
    assertThat(BlobHttp.etag(HASH)).isEqualTo("\"" + HASH.hex() + "\"");
  }

  @Test
  void matchesTheStrongTheWeakAndTheWildcardTag() {
    assertThat(BlobHttp.ifNoneMatchNames(BlobHttp.etag(HASH), HASH)).isTrue();
    assertThat(BlobHttp.ifNoneMatchNames("W/" + BlobHttp.etag(HASH), HASH)).isTrue();
    assertThat(BlobHttp.ifNoneMatchNames("*", HASH)).isTrue();
  }

  @Test
  void matchesOneTagOfAList() {
    String list = BlobHttp.etag(OTHER) + " ,  " + BlobHttp.etag(HASH);
    assertThat(BlobHttp.ifNoneMatchNames(list, HASH)).isTrue();
  }

  @Test
  void doesNotMatchAnotherBlobAnUnquotedHashOrNoHeader() {
    assertThat(BlobHttp.ifNoneMatchNames(BlobHttp.etag(OTHER), HASH)).isFalse();
    assertThat(BlobHttp.ifNoneMatchNames(HASH.hex(), HASH)).isFalse();
    assertThat(BlobHttp.ifNoneMatchNames("", HASH)).isFalse();
    assertThat(BlobHttp.ifNoneMatchNames(null, HASH)).isFalse();
  }

  @Test
  void aBlobMayBeCachedForeverBecauseItsIdIsItsHash() {
    assertThat(BlobHttp.CACHE_CONTROL).contains("immutable").contains("max-age=31536000");
    assertThat(BlobHttp.OCTET_STREAM).isEqualTo("application/octet-stream");
  }
}
