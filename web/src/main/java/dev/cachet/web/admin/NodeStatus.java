package dev.cachet.web.admin;

/**
 * {@code GET /api/v1/admin/node}: what an operator checks first. {@code identityKey} is the node's
 * Ed25519 public key (hex), absent while the state key cannot be resolved.
 */
public record NodeStatus(String version, String database, String identityKey, Blobs blobs) {

  /** Durable blob totals. */
  public record Blobs(long count, long bytes) {}
}
