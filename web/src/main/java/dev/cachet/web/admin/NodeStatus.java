package dev.cachet.web.admin;

/** {@code GET /api/v1/admin/node}: what an operator checks first. */
public record NodeStatus(String version, String database, Blobs blobs) {

  /** Durable blob totals. */
  public record Blobs(long count, long bytes) {}
}
