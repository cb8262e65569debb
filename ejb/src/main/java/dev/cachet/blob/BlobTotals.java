package dev.cachet.blob;

/** How many blobs are stored durably and how many bytes they hold. */
public record BlobTotals(long count, long bytes) {

  public BlobTotals {
    if (count < 0 || bytes < 0) {
      throw new IllegalArgumentException("totals must not be negative");
    }
  }
}
