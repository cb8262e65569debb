package dev.cachet.checkpoint;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The account ledger's state: per 32-byte account id, its balance and the nonce of its next
 * transaction (both unsigned 64-bit). Immutable: executing a block makes a new one. Its root is the
 * {@link Merkle} root over the accounts in ascending order of id, each leaf {@code SHA-256(0x00 ||
 * id || u64 balance || u64 nonce)}.
 */
public final class Ledger {

  /** One account. */
  public record Account(long balance, long nonce) {}

  private final NavigableMap<Bytes32, Account> accounts;
  private volatile Bytes32 root;

  private Ledger(NavigableMap<Bytes32, Account> accounts) {
    this.accounts = Collections.unmodifiableNavigableMap(accounts);
  }

  /** The genesis state: each account with its balance and nonce 0. */
  public static Ledger genesis(Map<Bytes32, Long> balances) {
    NavigableMap<Bytes32, Account> accounts = new TreeMap<>();
    balances.forEach(
        (id, balance) -> accounts.put(Objects.requireNonNull(id), new Account(balance, 0)));
    return new Ledger(accounts);
  }

  public Optional<Account> account(Bytes32 id) {
    return Optional.ofNullable(accounts.get(id));
  }

  public int size() {
    return accounts.size();
  }

  /** The state root. */
  public Bytes32 root() {
    Bytes32 computed = root;
    if (computed == null) {
      List<Bytes32> leaves = new ArrayList<>(accounts.size());
      for (Map.Entry<Bytes32, Account> e : accounts.entrySet()) {
        leaves.add(
            Bytes32.sha256(
                ByteBuffer.allocate(1 + 32 + 16)
                    .put((byte) 0)
                    .put(e.getKey().bytes())
                    .putLong(e.getValue().balance())
                    .putLong(e.getValue().nonce())
                    .array()));
      }
      computed = Merkle.root(leaves);
      root = computed;
    }
    return computed;
  }

  /** A mutable copy to execute a block on. */
  Builder toBuilder() {
    return new Builder(new TreeMap<>(accounts));
  }

  /** The state being changed by one block's transactions. */
  static final class Builder {
    private final NavigableMap<Bytes32, Account> accounts;

    private Builder(NavigableMap<Bytes32, Account> accounts) {
      this.accounts = accounts;
    }

    /**
     * Applies {@code tx} if the sender's balance covers it, its nonce is the sender's next, and the
     * receiver's balance does not pass 2^64 - 1; otherwise changes nothing.
     *
     * @return whether it applied
     */
    boolean apply(Tx tx) {
      Account sender = accounts.get(tx.from());
      if (sender == null
          || tx.nonce() != sender.nonce()
          || sender.nonce() == -1L // its last nonce, 2^64 - 1, was used
          || Long.compareUnsigned(sender.balance(), tx.amount()) < 0) {
        return false;
      }
      if (tx.to().equals(tx.from())) {
        accounts.put(tx.from(), new Account(sender.balance(), sender.nonce() + 1));
        return true;
      }
      Account receiver = accounts.getOrDefault(tx.to(), new Account(0, 0));
      long credited = receiver.balance() + tx.amount();
      if (Long.compareUnsigned(credited, receiver.balance()) < 0) {
        return false; // would pass 2^64 - 1
      }
      accounts.put(tx.from(), new Account(sender.balance() - tx.amount(), sender.nonce() + 1));
      accounts.put(tx.to(), new Account(credited, receiver.nonce()));
      return true;
    }

    Optional<Account> account(Bytes32 id) {
      return Optional.ofNullable(accounts.get(id));
    }

    /** The state: this builder must not be used after. */
    Ledger build() {
      return new Ledger(accounts);
    }
  }
}
