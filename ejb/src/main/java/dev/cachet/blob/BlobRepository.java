package dev.cachet.blob;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Durable storage of blobs: the port the blob store needs, implemented over JPA by its bean. */
public interface BlobRepository {

  /** The stored blob under {@code hash}, with its content. */
  Optional<Blob> find(BlobHash hash);

  /** What is known of the blob under {@code hash}, without loading its content. */
  Optional<BlobInfo> findInfo(BlobHash hash);

  /**
   * Stores {@code blob} durably unless a blob with its hash is stored already. Returns only once
   * the blob is durable (committed).
   *
   * @return true if this call stored it, false if it was stored before
   */
  boolean insertIfAbsent(Blob blob, Instant storedAt);

  /**
   * Up to {@code limit} blobs with hashes strictly after {@code after} (or from the first), in hash
   * order.
   */
  List<BlobInfo> list(Optional<BlobHash> after, int limit);

  /** Count and total size of the stored blobs. */
  BlobTotals totals();
}
