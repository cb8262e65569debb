package dev.cachet.keysign;

import dev.cachet.error.GoneException;
import dev.cachet.frost.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One chain's digests as this node's chain observer gave them, with their signatures: the pending
 * range {@code [low, high)}, the digest held per nonce and, once signed, its signature. Decides
 * zetaclient's {@code GetSignatureOrAddDigest} and which run of digests the next session signs. Not
 * thread-safe: the engine guards it.
 *
 * <p>A digest held at or above {@code high} extends the pending range: the observer's digest says
 * its nonce is pending, so the effective upper end is {@code max(high, highest held nonce + 1)}.
 */
public final class DigestBook {

  /** A nonce's digest and, once signed, its signature. */
  public record Entry(TxDigest digest, Optional<Signature> signature) {
    public Entry {
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(signature, "signature");
    }
  }

  /** What {@link #offer} did. */
  public enum Offered {
    /** No digest was held for the nonce: stored. */
    STORED,
    /** The same digest, not signed yet. */
    UNCHANGED,
    /** The same digest, signed: the signature is the answer. */
    SIGNED,
    /** Another digest was held: replaced, its signature (if any) forgotten. */
    REPLACED
  }

  /** One digest of a run to sign. */
  public record Item(long nonce, TxDigest digest) {}

  /** The next session's work: a batch and the gap-free run of digests it signs. */
  public record Work(long batch, List<Item> items) {
    public Work {
      items = List.copyOf(items);
    }
  }

  private final int batchSize;
  private long low;
  private long high;
  private long batchesSigned;
  private long digestsSigned;
  private final NavigableMap<Long, Entry> entries = new TreeMap<>();

  public DigestBook(int batchSize, long low, long high) {
    this.batchSize = Batches.checkSize(batchSize);
    this.low = low;
    this.high = Math.max(low, high);
  }

  public int batchSize() {
    return batchSize;
  }

  public long low() {
    return low;
  }

  /** The effective upper end of the pending range, exclusive. */
  public long high() {
    return entries.isEmpty() ? high : Math.max(high, entries.lastKey() + 1);
  }

  /** The observer's own upper end, as it last gave it. */
  public long observedHigh() {
    return high;
  }

  public long batchesSigned() {
    return batchesSigned;
  }

  public long digestsSigned() {
    return digestsSigned;
  }

  /**
   * Checks a new pending range without changing anything.
   *
   * @throws InvalidKeysignException {@code NONCE_REGRESSION} if {@code low} is below the current
   *     one, {@code INVALID_PENDING} if {@code high < low} or either is negative
   */
  public void checkPending(long newLow, long newHigh) {
    if (newLow < 0 || newHigh < newLow) {
      throw new InvalidKeysignException(
          "INVALID_PENDING", "low and high are not negative and low <= high");
    }
    if (newLow < low) {
      throw new InvalidKeysignException(
          "NONCE_REGRESSION", "low never moves backwards: it is " + low + ", not " + newLow);
    }
  }

  /** Sets the pending range (checked first) and prunes every nonce below {@code low}. */
  public void pending(long newLow, long newHigh) {
    checkPending(newLow, newHigh);
    low = newLow;
    high = newHigh;
    entries.headMap(newLow, false).clear();
  }

  /**
   * What offering {@code digest} for {@code nonce} would do, without doing it.
   *
   * @throws GoneException {@code NONCE_STALE} for a nonce below {@code low}
   */
  public Offered decide(long nonce, TxDigest digest) {
    checkNotStale(nonce);
    Entry held = entries.get(nonce);
    if (held == null) {
      return Offered.STORED;
    }
    if (!held.digest().equals(digest)) {
      return Offered.REPLACED;
    }
    return held.signature().isPresent() ? Offered.SIGNED : Offered.UNCHANGED;
  }

  /** Applies {@link #decide}. */
  public Offered offer(long nonce, TxDigest digest) {
    Offered outcome = decide(nonce, digest);
    if (outcome == Offered.STORED || outcome == Offered.REPLACED) {
      entries.put(nonce, new Entry(digest, Optional.empty()));
    }
    return outcome;
  }

  /** Loads a stored entry as it was (at start). */
  public void load(long nonce, Entry entry) {
    if (nonce >= low) {
      entries.put(nonce, entry);
    }
  }

  public Optional<Entry> entry(long nonce) {
    return Optional.ofNullable(entries.get(nonce));
  }

  /**
   * @throws GoneException {@code NONCE_STALE} for a nonce below {@code low}
   */
  public void checkNotStale(long nonce) {
    if (nonce < low) {
      throw new GoneException(
          "NONCE_STALE", "nonce " + nonce + " is below the chain's next unconfirmed nonce " + low);
    }
  }

  /**
   * Stores {@code signature} for {@code nonce} if the digest held for it is still {@code digest}
   * and has none yet (a replaced digest keeps waiting for its own). The caller verified it.
   *
   * @return whether it was stored
   */
  public boolean signed(long nonce, TxDigest digest, Signature signature) {
    Entry held = entries.get(nonce);
    if (held == null || !held.digest().equals(digest) || held.signature().isPresent()) {
      return false;
    }
    entries.put(nonce, new Entry(digest, Optional.of(signature)));
    digestsSigned++;
    return true;
  }

  /** Counts a session that signed a batch. */
  public void batchSigned() {
    batchesSigned++;
  }

  /**
   * The next session's work: the first unsigned pending nonce, and from it the gap-free run of
   * held, unsigned digests within its batch and the pending range. Empty if every pending nonce is
   * signed, or the first unsigned one has no digest yet (a gap: what follows it waits).
   */
  public Optional<Work> next() {
    long end = high();
    Long first = null;
    for (long n = low; n < end; n++) {
      Entry e = entries.get(n);
      if (e == null) {
        return Optional.empty();
      }
      if (e.signature().isEmpty()) {
        first = n;
        break;
      }
    }
    if (first == null) {
      return Optional.empty();
    }
    long batch = Batches.batchOf(first, batchSize);
    long last = Math.min(Batches.lastNonce(batch, batchSize), end - 1);
    List<Item> run = new ArrayList<>();
    for (long n = first; n <= last; n++) {
      Entry e = entries.get(n);
      if (e == null || e.signature().isPresent()) {
        break;
      }
      run.add(new Item(n, e.digest()));
    }
    return Optional.of(new Work(batch, run));
  }

  /** The pending nonces without a signature (held or not), in order, at most {@code limit}. */
  public List<Long> unsigned(int limit) {
    List<Long> out = new ArrayList<>();
    long end = high();
    for (long n = low; n < end && out.size() < limit; n++) {
      Entry e = entries.get(n);
      if (e == null || e.signature().isEmpty()) {
        out.add(n);
      }
    }
    return out;
  }

  /** How many pending nonces have no signature. */
  public long pendingCount() {
    long signed = 0;
    for (Map.Entry<Long, Entry> e : entries.tailMap(low, true).entrySet()) {
      if (e.getValue().signature().isPresent()) {
        signed++;
      }
    }
    return high() - low - signed;
  }
}
