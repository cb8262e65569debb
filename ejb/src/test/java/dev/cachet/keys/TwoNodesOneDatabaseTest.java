package dev.cachet.keys;

import static dev.cachet.keys.KeyTestNode.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachet.state.ejb.TestDatabase;
import dev.cachet.xmss.XmssParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two key managers (two nodes) on one database: each decides from what it holds in memory, the
 * vault decides again under the row lock, and every slot tick adopts what the other node did.
 */
class TwoNodesOneDatabaseTest {

  private static final XmssParameters SMALL = new XmssParameters(8, 2);
  private static final ValidatorKeyId ATTESTER = new ValidatorKeyId(7, KeyRole.ATTESTATION);

  @TempDir Path dir;
  private TestDatabase database;
  private KeyTestNode a;
  private KeyTestNode b;

  @BeforeEach
  void start() throws Exception {
    database = TestDatabase.h2("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    a = new KeyTestNode(database, Files.createDirectories(dir.resolve("a")));
    b = new KeyTestNode(database, Files.createDirectories(dir.resolve("b")));
    a.keys.generate(new GenerateKey(ATTESTER, SMALL, OptionalLong.of(0)));
    a.pool.runAll();
    assertThat(b.keys.restore()).as("the other node loads the key at its tick").isEqualTo(1);
    b.keys.onSlot(); // the same tick prepares: the stored window is still loading
    assertThat(b.keys.waitingWork())
        .as("the window the first node stored is loaded, not computed again from the seeds")
        .containsExactly("WindowRestoration");
    b.pool.runAll();
    assertThat(b.keys.view(ATTESTER).state()).isEqualTo(KeyState.ACTIVE);
  }

  @AfterEach
  void stop() {
    database.close();
  }

  @Test
  void theNodeThatDidNotSeeTheOthersSignatureIsRefusedUnderTheRowLock() {
    byte[] signed = a.keys.sign(ATTESTER, 5, message(1));

    assertThatThrownBy(() -> b.keys.sign(ATTESTER, 5, message(2)))
        .isInstanceOf(SlotAlreadySignedException.class);
    assertThat(b.keys.sign(ATTESTER, 5, message(1)))
        .as("the winner's message on the other node: the identical signature")
        .isEqualTo(signed);
    assertThatThrownBy(() -> b.keys.sign(ATTESTER, 4, message(3)))
        .isInstanceOf(SlotAlreadySignedException.class);
  }

  @Test
  void aRefusalUnderTheLockFreesTheLeafForTheMessageThatWon() {
    a.keys.sign(ATTESTER, 6, message(1));
    assertThatThrownBy(() -> b.keys.sign(ATTESTER, 6, message(2)))
        .isInstanceOf(SlotAlreadySignedException.class);
    // b began slot 6 with message 2, but nothing of it was written: the record's message signs.
    assertThat(b.keys.sign(ATTESTER, 6, message(1)))
        .isEqualTo(a.keys.sign(ATTESTER, 6, message(1)));
    assertThat(b.keys.sign(ATTESTER, 7, message(7))).isNotEmpty();
    assertThatThrownBy(() -> a.keys.sign(ATTESTER, 7, message(8)))
        .isInstanceOf(SlotAlreadySignedException.class);
  }

  @Test
  void aRetirementOnOneNodeStopsTheOtherAtOnceAndShowsAtItsTick() {
    a.keys.retire(ATTESTER);

    assertThatThrownBy(() -> b.keys.sign(ATTESTER, 9, message(9)))
        .as("decided again under the row lock, before any tick")
        .isInstanceOf(KeyRetiredException.class);
    b.keys.restore();
    assertThat(b.keys.view(ATTESTER).state()).isEqualTo(KeyState.RETIRED);
  }

  @Test
  void theTickAdoptsTheOtherNodesSignatures() {
    a.keys.sign(ATTESTER, 10, message(10));
    assertThat(b.keys.view(ATTESTER).highestSignedSlot()).isNull();

    assertThat(b.keys.restore()).isEqualTo(1);

    assertThat(b.keys.view(ATTESTER).highestSignedSlot()).isEqualTo(10);
    assertThatThrownBy(() -> b.keys.sign(ATTESTER, 10, message(11)))
        .isInstanceOf(SlotAlreadySignedException.class);
  }
}
