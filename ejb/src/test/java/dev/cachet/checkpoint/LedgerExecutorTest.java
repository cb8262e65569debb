package dev.cachet.checkpoint;

import static dev.cachet.checkpoint.Chains.account;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The account ledger: balances and nonces move as the transactions say, a transaction that the
 * balance or the nonce does not allow fails and changes nothing, and the state root is the Merkle
 * root the protocol document specifies, recomputed here by hand with the JDK's SHA-256.
 */
class LedgerExecutorTest {

  private static final HexFormat HEX = HexFormat.of();
  private final LedgerExecutor executor = new LedgerExecutor();

  @Test
  void movesBalancesAndNoncesAndFailsWhatTheBalanceOrNonceDoesNotAllow() {
    Ledger genesis = Ledger.genesis(Map.of(account(1), 100L, account(2), 5L));
    List<Tx> txs =
        List.of(
            new Tx(account(1), account(2), 30, 0), // ok
            new Tx(account(1), account(3), 10, 0), // nonce 0 again: fails
            new Tx(account(1), account(3), 10, 1), // ok, creates account 3
            new Tx(account(2), account(1), 36, 0), // 35 held: fails
            new Tx(account(2), account(2), 35, 0), // to itself: only the nonce moves
            new Tx(account(9), account(1), 0, 0)); // no such sender: fails
    BlockExecutor.Execution run = executor.execute(genesis, txs);
    assertThat(run.failed()).containsExactly(1, 3, 5);
    assertThat(run.state().account(account(1))).contains(new Ledger.Account(60, 2));
    assertThat(run.state().account(account(2))).contains(new Ledger.Account(35, 1));
    assertThat(run.state().account(account(3))).contains(new Ledger.Account(10, 0));
    assertThat(genesis.account(account(1)))
        .as("the old state is unchanged")
        .contains(new Ledger.Account(100, 0));
  }

  @Test
  void amountsAreUnsigned64BitAndNeverWrap() {
    long max = -1L; // 2^64 - 1
    Ledger genesis = Ledger.genesis(Map.of(account(1), max, account(2), 1L));
    BlockExecutor.Execution run =
        executor.execute(
            genesis,
            List.of(
                new Tx(account(2), account(1), 1, 0), // would pass 2^64 - 1: fails
                new Tx(account(1), account(2), Long.MIN_VALUE, 0))); // 2^63: fine
    assertThat(run.failed()).containsExactly(0);
    assertThat(run.state().account(account(2)).orElseThrow().balance())
        .isEqualTo(Long.MIN_VALUE + 1);
  }

  @Test
  void theStateRootIsTheDocumentedMerkleRoot() throws Exception {
    Map<Bytes32, Long> balances = new LinkedHashMap<>();
    balances.put(account(3), 7L);
    balances.put(account(1), 1L);
    balances.put(account(2), 2L);
    Ledger ledger = Ledger.genesis(balances);
    byte[] l1 = leaf(account(1), 1, 0);
    byte[] l2 = leaf(account(2), 2, 0);
    byte[] l3 = leaf(account(3), 7, 0);
    byte[] root = sha(new byte[] {1}, sha(new byte[] {1}, l1, l2), l3);
    assertThat(ledger.root().hex()).isEqualTo(HEX.formatHex(root));
    assertThat(Ledger.genesis(Map.of()).root()).isEqualTo(Bytes32.ZERO);
    assertThat(Ledger.genesis(Map.of(account(1), 1L)).root().hex()).isEqualTo(HEX.formatHex(l1));
    // A fixed value, so a change of the encoding cannot go unnoticed.
    assertThat(Ledger.genesis(Map.of(Bytes32.ZERO, 0L)).root().hex())
        .isEqualTo(HEX.formatHex(sha(new byte[1 + 32 + 16])));
  }

  @Test
  void theTxRootHashesEachTransactionAsALeaf() throws Exception {
    Tx a = new Tx(account(1), account(2), 3, 0);
    Tx b = new Tx(account(2), account(1), 1, 0);
    byte[] la = sha(new byte[] {0}, sha(a.encode()));
    byte[] lb = sha(new byte[] {0}, sha(b.encode()));
    assertThat(Merkle.txRoot(List.of(a, b)).hex())
        .isEqualTo(HEX.formatHex(sha(new byte[] {1}, la, lb)));
    assertThat(a.encode()).hasSize(80);
  }

  private static byte[] leaf(Bytes32 id, long balance, long nonce) throws Exception {
    return sha(
        ByteBuffer.allocate(49)
            .put((byte) 0)
            .put(id.bytes())
            .putLong(balance)
            .putLong(nonce)
            .array());
  }

  private static byte[] sha(byte[]... parts) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    for (byte[] p : parts) {
      d.update(p);
    }
    return d.digest();
  }
}
