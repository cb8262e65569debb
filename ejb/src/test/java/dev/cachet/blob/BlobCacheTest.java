package dev.cachet.blob;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BlobCacheTest {

  private static Blob blobOf(int size, int seed) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (seed * 31 + i);
    }
    return Blob.of(bytes);
  }

  @Test
  void staysWithinItsByteBudget() {
    BlobCache cache = new BlobCache(100);
    for (int i = 0; i < 10; i++) {
      cache.put(blobOf(30, i));
      assertThat(cache.sizeBytes()).isLessThanOrEqualTo(100);
    }
    assertThat(cache.entryCount()).isEqualTo(3);
    assertThat(cache.evictions()).isEqualTo(7);
  }

  @RepeatedTest(50) // the admission policy has a random element: it must not decide this
  void aBlobReadOftenOutlivesAFloodOfBlobsReadOnce() {
    BlobCache cache = new BlobCache(90);
    Blob hot = blobOf(30, 1);
    cache.put(hot);
    cache.put(blobOf(30, 2));
    cache.put(blobOf(30, 3)); // full: the cache counts how often each blob is read from here on
    for (int i = 0; i < 5; i++) {
      assertThat(cache.get(hot.hash())).contains(hot);
    }
    for (int i = 4; i < 40; i++) {
      cache.put(blobOf(30, i));
      assertThat(cache.sizeBytes()).isLessThanOrEqualTo(90);
    }

    assertThat(cache.contains(hot.hash())).isTrue();
    assertThat(cache.entryCount()).isEqualTo(3);
  }

  @Test
  void doesNotCacheABlobLargerThanTheWholeBudget() {
    BlobCache cache = new BlobCache(100);
    Blob small = blobOf(10, 1);
    cache.put(small);
    cache.put(blobOf(101, 2));

    assertThat(cache.entryCount()).isEqualTo(1);
    assertThat(cache.contains(small.hash())).isTrue();
    assertThat(cache.evictions()).isZero();
  }

  @Test
  void countsHitsAndMisses() {
    BlobCache cache = new BlobCache(100);
    Blob blob = blobOf(10, 1);
    assertThat(cache.get(blob.hash())).isEmpty();
    cache.put(blob);
    assertThat(cache.get(blob.hash())).contains(blob);
    assertThat(cache.get(blob.hash())).contains(blob);

    assertThat(cache.hits()).isEqualTo(2);
    assertThat(cache.misses()).isEqualTo(1);
  }

  @Test
  void countsARepeatedPutOnce() {
    BlobCache cache = new BlobCache(100);
    Blob blob = blobOf(40, 1);
    cache.put(blob);
    cache.put(blob);
    assertThat(cache.sizeBytes()).isEqualTo(40);
    assertThat(cache.entryCount()).isEqualTo(1);
  }

  @Test
  void cachesEmptyBlobs() {
    BlobCache cache = new BlobCache(0);
    Blob empty = Blob.of(new byte[0]);
    cache.put(empty);
    assertThat(cache.get(empty.hash())).contains(empty);
  }

  @Test
  void countsOnlyHitsWhenAskedIfCached() {
    BlobCache cache = new BlobCache(100);
    Blob blob = blobOf(10, 1);
    assertThat(cache.getIfCached(blob.hash())).isEmpty();
    cache.put(blob);
    assertThat(cache.getIfCached(blob.hash())).contains(blob);

    assertThat(cache.hits()).isEqualTo(1);
    assertThat(cache.misses()).isZero();
  }
}
