package dev.cachet.keysign.ejb;

import dev.cachet.frost.Signature;
import dev.cachet.keysign.DigestBook;
import dev.cachet.keysign.KeysignStore.ChainRecord;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@link KeysignRows} in container transactions: each call one of its own, committed when it
 * returns, so the engine answers (and releases shares) only after its write is durable.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class JpaKeysignRecords {

  @PersistenceContext(unitName = "cachet")
  private EntityManager em;

  private KeysignRows rows;

  @PostConstruct
  void init() {
    rows = new KeysignRows(em, Clock.systemUTC());
  }

  public void saveChain(ChainRecord c) {
    rows.saveChain(c);
  }

  public List<ChainRecord> chains() {
    return rows.chains();
  }

  public void saveDigests(long chainId, Map<Long, byte[][]> digestAndSignature) {
    rows.saveDigests(chainId, digestAndSignature);
  }

  public void prune(long chainId, long low) {
    rows.prune(chainId, low);
  }

  public List<KeysignRows.DigestRow> digests(long chainId, long low) {
    return rows.digests(chainId, low);
  }

  public void insertRelease(
      String tag,
      String keyId,
      long chainId,
      long batch,
      long attempt,
      String coordinator,
      byte[] items) {
    rows.insertRelease(tag, keyId, chainId, batch, attempt, coordinator, items);
  }

  public long releases(long chainId) {
    return rows.releases(chainId);
  }

  /** The engine's entries, in nonce order, with each signature decoded by {@code decode}. */
  static Map<Long, DigestBook.Entry> entries(
      List<KeysignRows.DigestRow> rows, Function<byte[], Signature> decode) {
    Map<Long, DigestBook.Entry> out = new LinkedHashMap<>();
    for (KeysignRows.DigestRow r : rows) {
      out.put(r.nonce(), new DigestBook.Entry(r.digest(), r.signature().map(decode)));
    }
    return out;
  }
}
