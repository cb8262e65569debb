package dev.cachet.keysign;

import dev.cachet.frost.Signature;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the keysign keeps durably. Every write has committed when the call returns; the engine
 * answers its callers (and releases signature shares) only after that.
 */
public interface KeysignStore {

  /** A chain's binding and pending range. */
  record ChainRecord(long chainId, String keyId, int batchSize, long low, long high) {}

  /** This node's key package (a secret: the vault keeps it). */
  void saveKey(KeysignKey key);

  List<KeysignKey> keys();

  void saveChain(ChainRecord chain);

  List<ChainRecord> chains();

  /** Writes a nonce's digest and signature (replacing what was there). */
  void saveDigest(long chainId, long nonce, TxDigest digest, Optional<Signature> signature);

  /** Writes the signatures of a session, in one transaction. */
  void saveSignatures(long chainId, List<KeysignWire.SignedItem> items);

  /** Forgets the digests of nonces below {@code low}. */
  void prune(long chainId, long low);

  Map<Long, DigestBook.Entry> digests(long chainId);

  /**
   * Records that this node releases signature shares in {@code session} for {@code items}: before
   * the shares leave the node.
   */
  void recordRelease(KeysignWire.Session session, List<DigestBook.Item> items);
}
