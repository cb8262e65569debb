package dev.cachet.state;

import java.time.Instant;
import java.util.Objects;

/** A record as storage holds it: its name, its envelope and when it was last written. */
public record StoredRecord(String name, Envelope envelope, Instant updatedAt) {

  public StoredRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  public long generation() {
    return envelope.generation();
  }

  /** What the admin view shows of it: never plaintext. */
  public RecordInfo info() {
    return new RecordInfo(
        name,
        envelope.generation(),
        envelope.keyId(),
        envelope.provider(),
        envelope.ciphertextLength(),
        updatedAt);
  }
}
