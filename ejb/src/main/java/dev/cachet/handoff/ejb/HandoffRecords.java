package dev.cachet.handoff.ejb;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The handoff's durable records, each call its own transaction. */
interface HandoffRecords {

  Optional<byte[]> find(String key);

  /** Inserts the record; fails if the key exists. */
  void insert(String key, long epoch, String kind, byte[] content);

  List<byte[]> byEpochAndKind(long epoch, String kind);

  OptionalLong latestEpoch(String kind);
}
