package dev.cachet.checkpoint;

/**
 * The domain separators of the checkpoint messages, as in Aztec's plan: the bytes signed are {@code
 * SHA-256(u8 domain || canonical encoding)}, so a signature over one kind never verifies as
 * another.
 */
public enum Domain {
  BLOCK_PROPOSAL(0),
  ATTESTATIONS_AND_SIGNERS(2),
  CHECKPOINT_PROPOSAL(3),
  CHECKPOINT_ATTESTATION(4);

  private final int code;

  Domain(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The 32 bytes signed for {@code encoding} in this domain. */
  public Bytes32 digest(byte[] encoding) {
    return Bytes32.sha256(new byte[] {(byte) code}, encoding);
  }
}
