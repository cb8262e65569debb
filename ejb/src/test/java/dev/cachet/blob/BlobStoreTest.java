package dev.cachet.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BlobStoreTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private final InMemoryBlobRepository repository = new InMemoryBlobRepository();
  private final BlobCache cache = new BlobCache(1 << 20);
  private final BlobStore store = new BlobStore(repository, cache, CLOCK);

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void storesUnderTheHashOfTheBytesThenReportsAlreadyStored() {
    StoredBlob first = store.put(bytes("metadata"));
    StoredBlob second = store.put(bytes("metadata"));

    assertThat(first.created()).isTrue();
    assertThat(second.created()).isFalse();
    assertThat(second.hash()).isEqualTo(first.hash()).isEqualTo(BlobHash.of(bytes("metadata")));
    assertThat(repository.inserts).hasValue(1);
  }

  @Test
  void storesAPushedBlobOnlyUnderItsOwnHash() {
    BlobHash right = BlobHash.of(bytes("a"));
    BlobHash wrong = BlobHash.of(bytes("b"));

    assertThatThrownBy(() -> store.put(wrong, bytes("a")))
        .isInstanceOf(BlobHashMismatchException.class)
        .extracting("code")
        .isEqualTo("HASH_MISMATCH");
    assertThat(repository.totals().count()).isZero();
    assertThat(cache.entryCount()).isZero();

    assertThat(store.put(right, bytes("a")).created()).isTrue();
  }

  @Test
  void storesBytesItsCallerHashedUnderThatHashAndCopiesThem() {
    byte[] content = bytes("fetched and checked");
    BlobHash hash = BlobHash.of(content);

    StoredBlob stored = store.putHashed(hash, content);
    content[0] ^= 1; // the caller's array is not the stored one

    assertThat(stored.created()).isTrue();
    assertThat(stored.hash()).isEqualTo(hash);
    assertThat(store.get(hash).bytes()).isEqualTo(bytes("fetched and checked"));
    assertThat(store.putHashed(hash, bytes("fetched and checked")).created()).isFalse();
    assertThat(repository.inserts).hasValue(1);
  }

  @Test
  void aFailingDurableWriteLeavesTheCacheUntouched() {
    repository.failInserts = true;

    assertThatThrownBy(() -> store.put(bytes("x"))).isInstanceOf(IllegalStateException.class);

    assertThat(cache.entryCount()).isZero();
    assertThat(cache.sizeBytes()).isZero();
    repository.failInserts = false;
    assertThatThrownBy(() -> store.get(BlobHash.of(bytes("x"))))
        .isInstanceOf(BlobNotFoundException.class);
  }

  @Test
  void writesThroughToTheRepositoryBeforeCaching() {
    StoredBlob stored = store.put(bytes("durable"));

    assertThat(repository.find(stored.hash())).isPresent();
    assertThat(cache.contains(stored.hash())).isTrue();
  }

  @Test
  void servesADurableBlobAfterARestartAndThenFromMemory() {
    BlobHash hash = store.put(bytes("survives")).hash();
    BlobStore restarted = new BlobStore(repository, new BlobCache(1 << 20), CLOCK);
    repository.finds.set(0);

    assertThat(restarted.get(hash).bytes()).isEqualTo(bytes("survives"));
    assertThat(restarted.get(hash).bytes()).isEqualTo(bytes("survives"));
    assertThat(repository.finds).hasValue(1);
    assertThat(restarted.size(hash)).isEqualTo(8);
  }

  @Test
  void reportsAnUnknownBlob() {
    BlobHash unknown = BlobHash.of(bytes("never stored"));
    assertThatThrownBy(() -> store.get(unknown))
        .isInstanceOf(BlobNotFoundException.class)
        .extracting("code")
        .isEqualTo("BLOB_NOT_FOUND");
    assertThatThrownBy(() -> store.size(unknown)).isInstanceOf(BlobNotFoundException.class);
  }

  @Test
  void concurrentIdenticalStoresAllSucceedAndInsertOnce() throws Exception {
    int clients = 20;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<StoredBlob>> results = new ArrayList<>();
    try {
      for (int i = 0; i < clients; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return store.put(bytes("same bytes"));
                }));
      }
      start.countDown();
      int created = 0;
      for (Future<StoredBlob> result : results) {
        created += result.get(10, TimeUnit.SECONDS).created() ? 1 : 0;
      }
      assertThat(created).isEqualTo(1);
      assertThat(repository.inserts).hasValue(1);
      assertThat(repository.totals().count()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void listsInHashOrderPageByPage() {
    List<BlobHash> hashes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      hashes.add(store.put(bytes("blob " + i)).hash());
    }
    hashes.sort(null);

    BlobPage first = store.list(Optional.empty(), 2);
    BlobPage second = store.list(first.next(), 2);
    BlobPage last = store.list(second.next(), 2);

    assertThat(first.blobs())
        .extracting(BlobInfo::hash)
        .containsExactly(hashes.get(0), hashes.get(1));
    assertThat(second.blobs())
        .extracting(BlobInfo::hash)
        .containsExactly(hashes.get(2), hashes.get(3));
    assertThat(last.blobs()).extracting(BlobInfo::hash).containsExactly(hashes.get(4));
    assertThat(last.next()).isEmpty();
    assertThat(first.blobs().get(0).storedAt()).isEqualTo(CLOCK.instant());
  }

  @Test
  void refusesPageSizesOutsideOneToOneThousand() {
    assertThatThrownBy(() -> store.list(Optional.empty(), 0))
        .isInstanceOf(InvalidBlobPageException.class);
    assertThatThrownBy(() -> store.list(Optional.empty(), 1001))
        .isInstanceOf(InvalidBlobPageException.class)
        .extracting("code")
        .isEqualTo("INVALID_LIMIT");
    assertThat(store.list(Optional.empty(), 1000).blobs()).isEmpty();
  }

  @Test
  void storesTheEmptyBlob() {
    StoredBlob empty = store.put(new byte[0]);
    assertThat(empty.size()).isZero();
    assertThat(store.get(empty.hash()).size()).isZero();
  }
}
