package dev.cachet.web.state;

import dev.cachet.state.RecordInfo;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/admin/state}: what is stored, under which key; never plaintext. Named apart
 * from the vault's port {@code dev.cachet.state.StateRecords}, so one name means one thing.
 */
public record RecordList(List<Record> records) {

  /** One record: {@code size} is its ciphertext's length in bytes. */
  public record Record(
      String name, long generation, String keyId, String provider, long size, Instant updatedAt) {}

  static RecordList of(List<RecordInfo> infos) {
    return new RecordList(
        infos.stream()
            .map(
                i ->
                    new Record(
                        i.name(), i.generation(), i.keyId(), i.provider(), i.size(), i.updatedAt()))
            .toList());
  }
}
