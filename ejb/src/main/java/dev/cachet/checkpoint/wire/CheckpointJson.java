package dev.cachet.checkpoint.wire;

import dev.cachet.bytes.LowercaseHex;
import dev.cachet.checkpoint.AttestationPool;
import dev.cachet.checkpoint.Block;
import dev.cachet.checkpoint.Bytes32;
import dev.cachet.checkpoint.CheckpointHeader;
import dev.cachet.checkpoint.CheckpointNode;
import dev.cachet.checkpoint.InvalidCheckpointMessageException;
import dev.cachet.checkpoint.Tx;
import dev.cachet.node.IdentityKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The checkpoint messages on the wire: each binary part (docs/protocol.md §12) as lowercase hex,
 * numbers as JSON integers. Every conversion to the core refuses a missing or malformed field with
 * 400 {@code INVALID_CHECKPOINT_MESSAGE}.
 */
public final class CheckpointJson {

  private static final HexFormat HEX = HexFormat.of();

  /** The most hex characters of one binary field (a block of 10,000 transactions is 1.6 MB). */
  static final int MAX_HEX = 2 * 1024 * 1024;

  private CheckpointJson() {}

  public static final String BLOCKS = "api/v1/peer/checkpoint/blocks";
  public static final String PROPOSALS = "api/v1/peer/checkpoint/proposals";
  public static final String ATTESTATIONS = "api/v1/peer/checkpoint/attestations";
  public static final String PUBLISHED = "api/v1/peer/checkpoint/published";
  public static final String TXS = "api/v1/peer/checkpoint/txs";

  /** A non-last block proposal. */
  public record BlockJson(String block, String signer, String signature) {
    public static BlockJson of(CheckpointNode.BlockMessage m) {
      return new BlockJson(
          HEX.formatHex(m.block().encode()), m.signer().hex(), HEX.formatHex(m.signature()));
    }

    public CheckpointNode.BlockMessage toMessage() {
      return new CheckpointNode.BlockMessage(
          Block.decode(bytes(block, "block")),
          IdentityKey.parse(required(signer, "signer")),
          bytes(signature, "signature"));
    }
  }

  /** The checkpoint proposal. */
  public record ProposalJson(String checkpoint, String block, String signature) {
    public static ProposalJson of(CheckpointNode.ProposalMessage m) {
      return new ProposalJson(
          HEX.formatHex(m.header().encode()),
          HEX.formatHex(m.lastBlock().encode()),
          HEX.formatHex(m.signature()));
    }

    public CheckpointNode.ProposalMessage toMessage() {
      return new CheckpointNode.ProposalMessage(
          CheckpointHeader.decode(bytes(checkpoint, "checkpoint")),
          Block.decode(bytes(block, "block")),
          bytes(signature, "signature"));
    }
  }

  /** One attestation. */
  public record AttestationJson(String checkpoint, Long validatorIndex, String signature) {
    public static AttestationJson of(CheckpointNode.AttestationMessage m) {
      return new AttestationJson(
          HEX.formatHex(m.header().encode()), m.validatorIndex(), HEX.formatHex(m.signature()));
    }

    public CheckpointNode.AttestationMessage toMessage() {
      return new CheckpointNode.AttestationMessage(
          CheckpointHeader.decode(bytes(checkpoint, "checkpoint")),
          index(validatorIndex),
          bytes(signature, "signature"));
    }
  }

  /** An attestation inside a published checkpoint. */
  public record Signed(Long validatorIndex, String signature) {}

  /** A published checkpoint: what peers send, what {@code GET /api/v1/checkpoints/{slot}} shows. */
  public record PublishedJson(
      Long slot, String id, String checkpoint, List<String> blocks, List<Signed> attestations) {
    public static PublishedJson of(CheckpointNode.Published p) {
      return new PublishedJson(
          p.header().slot(),
          p.header().id().hex(),
          HEX.formatHex(p.header().encode()),
          p.blocks().stream().map(b -> HEX.formatHex(b.encode())).toList(),
          p.attestations().stream()
              .map(a -> new Signed(a.validatorIndex(), HEX.formatHex(a.signature())))
              .toList());
    }

    public CheckpointNode.Published toMessage() {
      if (blocks == null || attestations == null || blocks.isEmpty() || blocks.size() > 64) {
        throw invalid("a published checkpoint has 1 to 64 blocks and its attestations");
      }
      List<Block> decoded = new ArrayList<>();
      for (String b : blocks) {
        decoded.add(Block.decode(bytes(b, "blocks[]")));
      }
      List<AttestationPool.Attestation> atts = new ArrayList<>();
      for (Signed s : attestations) {
        if (s == null) {
          throw invalid("an attestation is {validatorIndex, signature}");
        }
        atts.add(
            new AttestationPool.Attestation(
                index(s.validatorIndex()), bytes(s.signature(), "signature")));
      }
      return new CheckpointNode.Published(
          CheckpointHeader.decode(bytes(checkpoint, "checkpoint")), decoded, atts);
    }
  }

  /** A transaction: account ids as 64 hex, amount and nonce whole numbers from 0. */
  public record TxJson(String from, String to, Long amount, Long nonce) {
    public static TxJson of(Tx tx) {
      return new TxJson(tx.from().hex(), tx.to().hex(), tx.amount(), tx.nonce());
    }

    public Tx toTx() {
      if (amount == null || nonce == null || amount < 0 || nonce < 0) {
        throw invalid("a transaction has from, to, amount and nonce, whole numbers from 0");
      }
      return new Tx(
          Bytes32.parse(required(from, "from"), "from"),
          Bytes32.parse(required(to, "to"), "to"),
          amount,
          nonce);
    }
  }

  /** Transactions relayed between members, signed by the relaying node over its frame. */
  public record TxsJson(Long epoch, List<TxJson> txs, String signer, String signature) {}

  /** The answer to a peer message. */
  public record Taken(boolean accepted) {}

  static String required(String value, String field) {
    if (value == null) {
      throw invalid(field + " is required");
    }
    return value;
  }

  static byte[] bytes(String hex, String field) {
    required(hex, field);
    byte[] bytes = LowercaseHex.upTo(hex, MAX_HEX / 2);
    if (bytes == null) {
      throw invalid(field + " is lowercase hex");
    }
    return bytes;
  }

  static long index(Long validatorIndex) {
    if (validatorIndex == null || validatorIndex < 0) {
      throw invalid("validatorIndex is a whole number from 0");
    }
    return validatorIndex;
  }

  static InvalidCheckpointMessageException invalid(String why) {
    return new InvalidCheckpointMessageException(why);
  }
}
