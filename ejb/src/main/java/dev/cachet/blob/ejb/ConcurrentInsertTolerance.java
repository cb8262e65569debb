package dev.cachet.blob.ejb;

import dev.cachet.blob.Blob;
import dev.cachet.blob.BlobHash;
import dev.cachet.blob.BlobInfo;
import dev.cachet.blob.BlobRepository;
import dev.cachet.blob.BlobTotals;
import jakarta.ejb.EJBException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Lets two nodes sharing one database store the same blob at once: the loser's insert fails on the
 * primary key and is rolled back; if the blob is then found stored, the loser reports "already
 * stored" instead of an error. Any other insert failure is passed on.
 */
final class ConcurrentInsertTolerance implements BlobRepository {

  private final BlobRepository rows;

  ConcurrentInsertTolerance(BlobRepository rows) {
    this.rows = rows;
  }

  @Override
  public boolean insertIfAbsent(Blob blob, Instant storedAt) {
    try {
      return rows.insertIfAbsent(blob, storedAt);
    } catch (EJBException e) {
      if (rows.findInfo(blob.hash()).isPresent()) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public Optional<Blob> find(BlobHash hash) {
    return rows.find(hash);
  }

  @Override
  public Optional<BlobInfo> findInfo(BlobHash hash) {
    return rows.findInfo(hash);
  }

  @Override
  public List<BlobInfo> list(Optional<BlobHash> after, int limit) {
    return rows.list(after, limit);
  }

  @Override
  public BlobTotals totals() {
    return rows.totals();
  }
}
