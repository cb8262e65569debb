package dev.cachet.web.checkpoint;

import dev.cachet.checkpoint.Bytes32;
import dev.cachet.checkpoint.CheckpointNode;
import dev.cachet.checkpoint.InvalidCheckpointMessageException;
import dev.cachet.checkpoint.wire.CheckpointJson;
import java.util.List;

/** The checkpoint endpoints' own request and answer shapes. */
public final class CheckpointRequests {

  private CheckpointRequests() {}

  /** {@code {"hash"}}: a transaction taken into the pool. */
  public record Submitted(String hash) {}

  /** The ledger's tip after the latest published checkpoint this node adopted. */
  public record Status(long tipBlock, String tipArchive, String stateRoot, int poolTransactions) {}

  /** This node's job of a slot. */
  public record SlotStatus(
      long slot,
      String proposer,
      int blocksReceived,
      int blocksExecuted,
      String outcome,
      String reason,
      String attested,
      boolean published,
      List<Long> executionMicros,
      Long attestationMicros) {
    static SlotStatus of(CheckpointNode.SlotView v) {
      return new SlotStatus(
          v.slot(),
          v.proposer().map(k -> k.hex()).orElse(null),
          v.blocksReceived(),
          v.blocksExecuted(),
          v.outcome().map(o -> o.attested() ? "ATTESTED" : "NOT_ATTESTED").orElse(null),
          v.outcome()
              .flatMap(o -> o.reason())
              .map(r -> r.name().toLowerCase(java.util.Locale.ROOT))
              .orElse(null),
          v.attested().map(h -> h.id().hex()).orElse(null),
          v.published(),
          v.executionMicros(),
          v.attestationMicros().orElse(null));
    }
  }

  static List<Bytes32> none() {
    return List.of();
  }

  static CheckpointJson.TxJson required(CheckpointJson.TxJson tx) {
    if (tx == null) {
      throw new InvalidCheckpointMessageException("a transaction is {from, to, amount, nonce}");
    }
    return tx;
  }

  /**
   * @throws InvalidCheckpointMessageException {@code INVALID_SLOT} unless a whole number from 0
   */
  static long slot(String text) {
    if (text == null
        || text.isEmpty()
        || text.length() > 18
        || !text.chars().allMatch(Character::isDigit)
        || (text.length() > 1 && text.charAt(0) == '0')) {
      throw new dev.cachet.error.InvalidRequestException(
          "INVALID_SLOT", "a slot is a whole number from 0, not '" + text + "'");
    }
    return Long.parseLong(text);
  }
}
