package dev.cachet.blob;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double of the durable store for the pure core's unit tests (the JPA adapter is tested
 * against the real database in it-tests). It can be told to fail the next inserts.
 */
final class InMemoryBlobRepository implements BlobRepository {

  private final Map<BlobHash, Stored> rows = new ConcurrentSkipListMap<>();
  final AtomicInteger inserts = new AtomicInteger();
  final AtomicInteger finds = new AtomicInteger();
  volatile boolean failInserts;

  private record Stored(byte[] content, Instant storedAt) {}

  @Override
  public Optional<Blob> find(BlobHash hash) {
    finds.incrementAndGet();
    return Optional.ofNullable(rows.get(hash)).map(s -> Blob.stored(hash, s.content()));
  }

  @Override
  public Optional<BlobInfo> findInfo(BlobHash hash) {
    return Optional.ofNullable(rows.get(hash))
        .map(s -> new BlobInfo(hash, s.content().length, s.storedAt()));
  }

  @Override
  public boolean insertIfAbsent(Blob blob, Instant storedAt) {
    if (failInserts) {
      throw new IllegalStateException("database unavailable");
    }
    if (rows.putIfAbsent(blob.hash(), new Stored(blob.bytes(), storedAt)) == null) {
      inserts.incrementAndGet();
      return true;
    }
    return false;
  }

  @Override
  public List<BlobInfo> list(Optional<BlobHash> after, int limit) {
    List<BlobInfo> out = new ArrayList<>();
    for (Map.Entry<BlobHash, Stored> e : rows.entrySet()) {
      if (after.isPresent() && e.getKey().compareTo(after.get()) <= 0) {
        continue;
      }
      if (out.size() == limit) {
        break;
      }
      out.add(new BlobInfo(e.getKey(), e.getValue().content().length, e.getValue().storedAt()));
    }
    return out;
  }

  @Override
  public BlobTotals totals() {
    return new BlobTotals(
        rows.size(), rows.values().stream().mapToLong(s -> s.content().length).sum());
  }
}
