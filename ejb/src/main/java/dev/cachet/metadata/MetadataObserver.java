package dev.cachet.metadata;

/** What the exchange reports, for metrics. Every method has a no-op default. */
public interface MetadataObserver {

  /** How a fetch of a blob from a peer ended. */
  enum FetchOutcome {
    OK,
    HASH_MISMATCH,
    PEER_UNAVAILABLE
  }

  default void fetched(FetchOutcome outcome, long bytes) {}

  default void refusedFromPeer(String code) {}

  MetadataObserver NONE = new MetadataObserver() {};
}
