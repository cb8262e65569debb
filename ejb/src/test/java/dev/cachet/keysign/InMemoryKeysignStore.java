package dev.cachet.keysign;

import dev.cachet.frost.Signature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A {@link KeysignStore} in memory that outlives the engines using it (a node's restart keeps it),
 * with a record of what was written, for the tests' checks.
 */
final class InMemoryKeysignStore implements KeysignStore {

  /** One recordRelease call. */
  record Release(KeysignWire.Session session, List<DigestBook.Item> items) {}

  private final Map<String, KeysignKey> keys = new LinkedHashMap<>();
  private final Map<Long, ChainRecord> chains = new TreeMap<>();
  private final Map<Long, TreeMap<Long, DigestBook.Entry>> digests = new TreeMap<>();
  private final List<Release> releases = new ArrayList<>();
  private final List<KeysignWire.SignedItem> signaturesSaved = new ArrayList<>();

  /** Sees each signature before it is written (the simulation's safety checks). */
  private Consumer<SignatureWrite> beforeSignature = w -> {};

  /** A signature about to be written, with the digest the store held for its nonce. */
  record SignatureWrite(long chainId, KeysignWire.SignedItem item, Optional<TxDigest> held) {}

  void beforeSignature(Consumer<SignatureWrite> check) {
    this.beforeSignature = check;
  }

  /** Sees each release before it is recorded (the simulation's safety checks). */
  private Consumer<Release> beforeRelease = r -> {};

  void beforeRelease(Consumer<Release> check) {
    this.beforeRelease = check;
  }

  @Override
  public synchronized void saveKey(KeysignKey key) {
    keys.put(key.keyId(), key);
  }

  @Override
  public synchronized List<KeysignKey> keys() {
    return List.copyOf(keys.values());
  }

  @Override
  public synchronized void saveChain(ChainRecord chain) {
    chains.put(chain.chainId(), chain);
  }

  @Override
  public synchronized List<ChainRecord> chains() {
    return List.copyOf(chains.values());
  }

  @Override
  public synchronized void saveDigest(
      long chainId, long nonce, TxDigest digest, Optional<Signature> signature) {
    digests
        .computeIfAbsent(chainId, c -> new TreeMap<>())
        .put(nonce, new DigestBook.Entry(digest, signature));
  }

  @Override
  public synchronized void saveSignatures(long chainId, List<KeysignWire.SignedItem> items) {
    TreeMap<Long, DigestBook.Entry> chain = digests.computeIfAbsent(chainId, c -> new TreeMap<>());
    for (KeysignWire.SignedItem item : items) {
      DigestBook.Entry held = chain.get(item.nonce());
      beforeSignature.accept(
          new SignatureWrite(
              chainId, item, Optional.ofNullable(held).map(DigestBook.Entry::digest)));
    }
    for (KeysignWire.SignedItem item : items) {
      chain.put(item.nonce(), new DigestBook.Entry(item.digest(), Optional.of(item.signature())));
      signaturesSaved.add(item);
    }
  }

  @Override
  public synchronized void prune(long chainId, long low) {
    TreeMap<Long, DigestBook.Entry> chain = digests.get(chainId);
    if (chain != null) {
      chain.headMap(low, false).clear();
    }
  }

  @Override
  public synchronized Map<Long, DigestBook.Entry> digests(long chainId) {
    return new TreeMap<>(digests.getOrDefault(chainId, new TreeMap<>()));
  }

  @Override
  public synchronized void recordRelease(KeysignWire.Session session, List<DigestBook.Item> items) {
    Release release = new Release(session, List.copyOf(items));
    beforeRelease.accept(release);
    releases.add(release);
  }

  synchronized List<Release> releases() {
    return List.copyOf(releases);
  }

  /** Every signature ever written, in order. */
  synchronized List<KeysignWire.SignedItem> signaturesSaved() {
    return List.copyOf(signaturesSaved);
  }

  synchronized Optional<DigestBook.Entry> entry(long chainId, long nonce) {
    return Optional.ofNullable(digests.getOrDefault(chainId, new TreeMap<>()).get(nonce));
  }
}
