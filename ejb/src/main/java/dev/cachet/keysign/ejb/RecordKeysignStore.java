package dev.cachet.keysign.ejb;

import dev.cachet.frost.Ciphersuites;
import dev.cachet.frost.Signature;
import dev.cachet.keysign.DigestBook;
import dev.cachet.keysign.KeysignKey;
import dev.cachet.keysign.KeysignStore;
import dev.cachet.keysign.KeysignWire;
import dev.cachet.keysign.TxDigest;
import dev.cachet.state.RecordInfo;
import dev.cachet.state.StateRecords;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The keysign's store: key packages (secret shares) in the encrypted state vault as records {@code
 * keysign/keys/<keyId>}, everything else in its tables through {@link JpaKeysignRecords}.
 */
final class RecordKeysignStore implements KeysignStore {

  private static final Logger LOG = Logger.getLogger(RecordKeysignStore.class.getName());

  static final String KEY_RECORDS = "keysign/keys/";

  private final StateRecords vault;
  private final JpaKeysignRecords records;

  RecordKeysignStore(StateRecords vault, JpaKeysignRecords records) {
    this.vault = vault;
    this.records = records;
  }

  @Override
  public void saveKey(KeysignKey key) {
    byte[] encoded = key.encode();
    vault.update(
        KEY_RECORDS + key.keyId(),
        current ->
            current.isPresent() && Arrays.equals(current.get(), encoded)
                ? Optional.empty()
                : Optional.of(encoded));
    Arrays.fill(encoded, (byte) 0);
  }

  @Override
  public List<KeysignKey> keys() {
    List<KeysignKey> keys = new ArrayList<>();
    for (RecordInfo info : vault.list()) {
      if (!info.name().startsWith(KEY_RECORDS)) {
        continue;
      }
      try {
        vault.read(info.name()).ifPresent(bytes -> keys.add(KeysignKey.decode(bytes)));
      } catch (RuntimeException e) { // one unreadable record keeps only its own chains waiting
        LOG.warning("keysign key record " + info.name() + " is not readable: " + e);
      }
    }
    return keys;
  }

  @Override
  public void saveChain(ChainRecord chain) {
    records.saveChain(chain);
  }

  @Override
  public List<ChainRecord> chains() {
    return records.chains();
  }

  @Override
  public void saveDigest(long chainId, long nonce, TxDigest digest, Optional<Signature> signature) {
    Map<Long, byte[][]> one = new LinkedHashMap<>();
    one.put(nonce, new byte[][] {digest.bytes(), signature.map(Signature::serialize).orElse(null)});
    records.saveDigests(chainId, one);
  }

  @Override
  public void saveSignatures(long chainId, List<KeysignWire.SignedItem> items) {
    Map<Long, byte[][]> rows = new LinkedHashMap<>();
    for (KeysignWire.SignedItem i : items) {
      rows.put(i.nonce(), new byte[][] {i.digest().bytes(), i.signature().serialize()});
    }
    records.saveDigests(chainId, rows);
  }

  @Override
  public void prune(long chainId, long low) {
    records.prune(chainId, low);
  }

  @Override
  public Map<Long, DigestBook.Entry> digests(long chainId) {
    return JpaKeysignRecords.entries(
        records.digests(chainId, 0),
        bytes -> Signature.deserialize(Ciphersuites.SECP256K1_SHA256, bytes));
  }

  @Override
  public void recordRelease(KeysignWire.Session session, List<DigestBook.Item> items) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (DigestBook.Item i : items) {
      out.writeBytes(ByteBuffer.allocate(8).putLong(i.nonce()).array());
      out.writeBytes(i.digest().bytes());
    }
    records.insertRelease(
        session.name(),
        session.keyId(),
        session.chainId(),
        session.batch(),
        session.attempt(),
        session.coordinator().hex(),
        out.toByteArray());
  }
}
