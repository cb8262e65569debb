package dev.cachet.state;

import java.time.Instant;

/**
 * Metadata of a stored record, for operators: name, generation, the key id and provider it is
 * encrypted under, its size at rest and when it was written. Never the plaintext.
 */
public record RecordInfo(
    String name, long generation, String keyId, String provider, long size, Instant updatedAt) {}
