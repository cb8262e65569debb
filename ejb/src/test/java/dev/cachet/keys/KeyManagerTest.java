package dev.cachet.keys;

import static dev.cachet.keys.KeyTestNode.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachet.error.RetryLaterException;
import dev.cachet.state.StateKeyUnavailableException;
import dev.cachet.state.ejb.TestDatabase;
import dev.cachet.xmss.RetainedLevels;
import dev.cachet.xmss.XmssKeys;
import dev.cachet.xmss.XmssParameters;
import dev.cachet.xmss.XmssPublicKey;
import dev.cachet.xmss.XmssSecretSeeds;
import dev.cachet.xmss.XmssSignature;
import dev.cachet.xmss.XmssVerifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key manager's decisions, over the real vault on H2, with bottom trees of 16 slots (h = 8, d =
 * 2: a window of 32 slots, a lifetime of 256) and an executor the test runs by hand.
 */
class KeyManagerTest {

  private static final XmssParameters SMALL = new XmssParameters(8, 2);

  /** Big enough that a queue of three generations is more than the one-second least wait. */
  private static final XmssParameters MEDIUM = new XmssParameters(20, 2);

  private static final ValidatorKeyId ATTESTER = new ValidatorKeyId(7, KeyRole.ATTESTATION);

  @TempDir Path dir;
  private TestDatabase database;
  private KeyTestNode node;

  @BeforeEach
  void start() {
    database = TestDatabase.h2("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    node = new KeyTestNode(database, dir);
  }

  @AfterEach
  void stop() {
    database.close();
  }

  /** Generates the attester's key at {@code activation} and runs its preparations. */
  private KeyView activeKey(long activation) {
    node.keys.generate(new GenerateKey(ATTESTER, SMALL, OptionalLong.of(activation)));
    node.pool.runAll();
    return node.keys.view(ATTESTER);
  }

  private boolean verifies(KeyView key, byte[] signature, SigningMessage message) {
    XmssPublicKey publicKey =
        XmssPublicKey.fromRfcBytes(SMALL, HexFormat.of().parseHex(key.publicKey()));
    return XmssVerifier.verify(
        publicKey, message.bytes(), XmssSignature.fromRfcBytes(SMALL, signature));
  }

  @Test
  void aGeneratedKeyIsPreparingUntilItsWindowIsReadyThenSignsEverySlotOfIt() {
    KeyView generating = node.keys.generate(new GenerateKey(ATTESTER, SMALL, OptionalLong.of(3)));
    assertThat(generating.state()).isEqualTo(KeyState.PREPARING);
    assertThat(generating.preparing()).isTrue();
    assertThatThrownBy(() -> node.keys.sign(ATTESTER, 3, message(1)))
        .isInstanceOf(KeyNotPreparedException.class);

    node.pool.runAll();
    KeyView key = node.keys.view(ATTESTER);
    assertThat(key.state()).isEqualTo(KeyState.ACTIVE);
    assertThat(key.fromSlot()).isZero();
    assertThat(key.toSlot()).isEqualTo(31); // the activation tree and the next one
    for (long slot = 3; slot <= 31; slot++) {
      node.atSlot(slot);
      byte[] signature = node.keys.sign(ATTESTER, slot, message((int) slot));
      assertThat(verifies(key, signature, message((int) slot))).isTrue();
    }
    assertThat(node.keys.view(ATTESTER).highestSignedSlot()).isEqualTo(31);
  }

  @Test
  void aGenerationShowsItsLeavesFromNoneToAllThenNoPreparationOnceTheWindowIsReady() {
    KeyView queued = node.keys.generate(new GenerateKey(ATTESTER, SMALL, OptionalLong.of(20)));
    long total = XmssKeys.leavesToGenerate(SMALL, 20, RetainedLevels.DEFAULT);
    PreparationProgress waiting = queued.preparation();
    assertThat(waiting).isNotNull();
    assertThat(waiting.tree()).isEqualTo(1);
    assertThat(waiting.leavesDone()).isZero();
    assertThat(waiting.leavesTotal()).isEqualTo(total);
    assertThat(waiting.startedAt()).as("it waits for a thread").isNull();
    assertThat(waiting.etaSeconds()).isPositive();

    // The key's record is stored once every leaf is computed, while its generation still runs.
    List<KeyView> atPersist = new ArrayList<>();
    node.onStateKeyResolved = () -> atPersist.add(node.keys.view(ATTESTER));
    node.pool.runAll();
    node.onStateKeyResolved = () -> {};

    assertThat(atPersist).isNotEmpty();
    PreparationProgress built = atPersist.get(0).preparation();
    assertThat(atPersist.get(0).state()).isEqualTo(KeyState.PREPARING);
    assertThat(built.leavesDone()).isEqualTo(total).isEqualTo(built.leavesTotal());
    assertThat(built.startedAt()).isEqualTo(node.clock.instant());
    KeyView active = node.keys.view(ATTESTER);
    assertThat(active.state()).isEqualTo(KeyState.ACTIVE);
    assertThat(active.preparing()).isFalse();
    assertThat(active.preparation()).as("no preparation runs: the next tree is ready too").isNull();
    assertThat(active.toSlot()).isEqualTo(47);
  }

  @Test
  void theNextTreesPreparationShowsItsOwnLeaves() {
    activeKey(0);
    node.atSlot(40);
    assertThatThrownBy(() -> node.keys.sign(ATTESTER, 40, message(1)))
        .isInstanceOf(KeyNotPreparedException.class);
    PreparationProgress next = node.keys.view(ATTESTER).preparation();
    assertThat(next.tree()).isEqualTo(2);
    assertThat(next.leavesDone()).isZero();
    assertThat(next.leavesTotal()).isEqualTo(SMALL.leavesPerTree() + (1 << 4) + 1);

    node.pool.runAll();
    assertThat(node.keys.view(ATTESTER).preparation()).isNull();
  }

  @Test
  void theSameSlotAndMessageAgainReturnTheStoredSignature() {
    activeKey(0);
    byte[] first = node.keys.sign(ATTESTER, 5, message(5));
    assertThat(node.keys.sign(ATTESTER, 5, message(5))).isEqualTo(first);
  }

  @Test
  void refusesTheSameSlotWithAnotherMessage() {
    activeKey(0);
    node.keys.sign(ATTESTER, 5, message(5));
    assertThatThrownBy(() -> node.keys.sign(ATTESTER, 5, message(6)))
        .isInstanceOf(SlotAlreadySignedException.class)
        .extracting("code")
        .isEqualTo("SLOT_ALREADY_SIGNED");
  }

  @Test
  void refusesSlotsBelowTheHighestSignedOneUnlessTheyAreARecentReplay() {
    activeKey(0);
    byte[] four = node.keys.sign(ATTESTER, 4, message(4));
    node.keys.sign(ATTESTER, 6, message(6));

    assertThat(node.keys.sign(ATTESTER, 4, message(4))).isEqualTo(four);
    assertThatThrownBy(() -> node.keys.sign(ATTESTER, 4, message(40)))
        .isInstanceOf(SlotAlreadySignedException.class);
    assertThatThrownBy(() -> node.keys.sign(ATTESTER, 5, message(5)))
        .isInstanceOf(SlotAlreadySignedException.class)
        .hasMessageContaining("below the highest signed slot 6");
  }

  @Test
  void beyondTheWindowItAnswersNotPreparedAndStartsOnePreparationThatConcurrentRequestsJoin() {
    activeKey(0);
    node.atSlot(40);
    assertThatThrownBy(() -> node.keys.sign(ATTESTER, 40, message(1)))
        .isInstanceOf(KeyNotPreparedException.class)
        .satisfies(e -> assertThat(((RetryLaterException) e).retryAfter()).isPositive())
        .hasMessageContaining("window 0..31");
    assertThatThrownBy(() -> node.keys.sign(ATTESTER, 41, message(2)))
        .isInstanceOf(KeyNotPreparedException.class);
    assertThat(waitingPreparations()).isEqualTo(1);
    assertThat(node.keys.view(ATTESTER).preparing()).isTrue();
    assertThat(node.keys.view(ATTESTER).preparingTree()).isEqualTo(2);

    node.pool.runAll();
    assertThat(node.keys.view(ATTESTER).toSlot()).isEqualTo(47);
    assertThat(node.keys.sign(ATTESTER, 40, message(1))).isNotEmpty();
  }

  @Test
  void aFarFutureRequestNeverMovesTheWindowAwayFromTheCurrentSlot() {
    activeKey(0);
    node.atSlot(5);
    assertThatThrownBy(() -> node.keys.sign(ATTESTER, 100, message(1)))
        .isInstanceOf(KeyNotPreparedException.class)
        .satisfies(
            e ->
                assertThat(((RetryLaterException) e).retryAfter())
                    .isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(96 - 8 - 5)));
    assertThat(waitingPreparations()).isZero();
    assertThat(node.keys.sign(ATTESTER, 5, message(5))).isNotEmpty();
  }

  @Test
  void catchingUpFarAheadPreparesTheSlotsTreeDirectly() {
    activeKey(0);
    node.atSlot(200);
    node.keys.onSlot();
    node.pool.runAll();

    KeyView key = node.keys.view(ATTESTER);
    assertThat(key.fromSlot()).isEqualTo(192);
    assertThat(key.toSlot()).isEqualTo(223);
    assertThat(node.keys.sign(ATTESTER, 200, message(1))).isNotEmpty();
  }

  @Test
  void theSlotTickPreparesTheNextTreeWithinTheLeadAndNotBefore() {
    activeKey(0);
    node.atSlot(16 + 7); // window 0..31 ends in 8 slots: not yet within the lead of 8
    node.keys.onSlot();
    assertThat(waitingPreparations()).isZero();

    node.atSlot(16 + 8); // ends in 7 slots
    node.keys.onSlot();
    assertThat(waitingPreparations()).isEqualTo(1);
    assertThat(node.keys.sign(ATTESTER, 24, message(24))).isNotEmpty(); // signing never waits
    node.pool.runAll();
    assertThat(node.keys.view(ATTESTER).fromSlot()).isEqualTo(16);
    assertThat(node.keys.view(ATTESTER).toSlot()).isEqualTo(47);
  }

  @Test
  void aSlotBehindTheWindowIsGoneForGood() {
    activeKey(0);
    node.atSlot(200);
    node.keys.onSlot();
    node.pool.runAll();
    assertThatThrownBy(() -> node.keys.sign(ATTESTER, 100, message(1)))
        .isInstanceOf(SlotBehindWindowException.class)
        .extracting("code")
        .isEqualTo("SLOT_BEHIND_WINDOW");
  }

  @Test
  void aSlotPastTheLifetimeIsExhausted() {
    activeKey(0);
    assertThatThrownBy(() -> node.keys.sign(ATTESTER, 256, message(1)))
        .isInstanceOf(KeyExhaustedException.class)
        .extracting("code")
        .isEqualTo("KEY_EXHAUSTED");
    node.atSlot(250);
    node.keys.onSlot();
    node.pool.runAll();
    node.keys.sign(ATTESTER, 255, message(1));
    assertThat(node.keys.view(ATTESTER).state()).isEqualTo(KeyState.EXHAUSTED);
    assertThat(node.keys.view(ATTESTER).slotsLeft()).isZero();
  }

  @Test
  void aRetiredKeySignsNothingAfterARestartToo() {
    activeKey(0);
    node.keys.retire(ATTESTER);
    assertThatThrownBy(() -> node.keys.sign(ATTESTER, 1, message(1)))
        .isInstanceOf(KeyRetiredException.class);

    KeyTestNode restarted = node.restarted();
    restarted.keys.restore();
    assertThat(restarted.keys.view(ATTESTER).state()).isEqualTo(KeyState.RETIRED);
    assertThatThrownBy(() -> restarted.keys.sign(ATTESTER, 1, message(1)))
        .isInstanceOf(KeyRetiredException.class);
  }

  @Test
  void aFloodOfGenerationsIsBoundedTellsTheTruthAboutWaitingAndNeverStarvesAKeyThatSigns() {
    KeyTestNode bounded = new KeyTestNode(database, dir.resolve("bounded"), 3);
    bounded.keys.generate(new GenerateKey(ATTESTER, SMALL, OptionalLong.of(0)));
    bounded.pool.runAll();
    List<ValidatorKeyId> flood = new ArrayList<>();
    for (int i = 100; i < 103; i++) {
      ValidatorKeyId id = new ValidatorKeyId(i, KeyRole.ATTESTATION);
      bounded.keys.generate(new GenerateKey(id, MEDIUM, OptionalLong.of(0)));
      flood.add(id);
    }
    ValidatorKeyId refused = new ValidatorKeyId(200, KeyRole.ATTESTATION);
    assertThatThrownBy(
            () -> bounded.keys.generate(new GenerateKey(refused, SMALL, OptionalLong.of(0))))
        .isInstanceOfSatisfying(
            RetryLaterException.class,
            e -> {
              assertThat(e.code()).isEqualTo("PREPARATION_QUEUE_FULL");
              assertThat(e.retryAfter()).isPositive();
            });
    assertThatThrownBy(() -> bounded.keys.view(refused))
        .as("nothing of the refused key exists")
        .isInstanceOf(KeyNotFoundException.class);
    assertThat(bounded.vault.read(refused.recordName())).isEmpty();

    Duration firstWait = notPreparedWait(bounded, flood.get(0));
    Duration lastWait = notPreparedWait(bounded, flood.get(2));
    assertThat(lastWait).as("the last waits for the two ahead of it").isGreaterThan(firstWait);

    bounded.atSlot(16 + 8); // the signing key's next tree is due: it goes before the flood
    bounded.keys.onSlot();
    assertThat(bounded.keys.waitingWork()).hasSize(4);
    assertThat(notPreparedWait(bounded, flood.get(2)))
        .as("the next tree went ahead of the flood")
        .isGreaterThan(lastWait);
    bounded.pool.runAll();
    assertThat(bounded.keys.view(ATTESTER).toSlot()).isEqualTo(47);
    for (ValidatorKeyId id : flood) {
      assertThat(bounded.keys.view(id).state()).isEqualTo(KeyState.ACTIVE);
    }
    bounded.keys.generate(new GenerateKey(refused, SMALL, OptionalLong.of(0)));
    bounded.pool.runAll();
    assertThat(bounded.keys.view(refused).state()).isEqualTo(KeyState.ACTIVE);
  }

  private static Duration notPreparedWait(KeyTestNode node, ValidatorKeyId id) {
    try {
      node.keys.sign(id, 0, message(1));
    } catch (KeyNotPreparedException e) {
      return e.retryAfter();
    }
    throw new AssertionError("the " + id + " signed before its window was prepared");
  }

  @Test
  void aLiveKeyCannotBeReplacedButARetiredOneCan() {
    activeKey(0);
    assertThatThrownBy(
            () -> node.keys.generate(new GenerateKey(ATTESTER, SMALL, OptionalLong.empty())))
        .isInstanceOf(KeyExistsException.class);
    node.keys.retire(ATTESTER);
    node.keys.generate(new GenerateKey(ATTESTER, SMALL, OptionalLong.empty()));
    node.pool.runAll();
    assertThat(node.keys.view(ATTESTER).state()).isEqualTo(KeyState.ACTIVE);
  }

  @Test
  void afterARestartItRefusesAnotherMessageAndReturnsTheStoredSignatureWithoutRecomputing() {
    activeKey(0);
    byte[] signature = node.keys.sign(ATTESTER, 9, message(9));

    KeyTestNode restarted = node.restarted();
    assertThat(restarted.keys.restore()).isEqualTo(1);
    assertThatThrownBy(() -> restarted.keys.sign(ATTESTER, 9, message(90)))
        .isInstanceOf(SlotAlreadySignedException.class);
    assertThat(restarted.keys.sign(ATTESTER, 9, message(9))).isEqualTo(signature);

    restarted.pool.runAll(); // the window comes back from the window store
    assertThat(restarted.keys.view(ATTESTER).state()).isEqualTo(KeyState.ACTIVE);
    assertThat(restarted.keys.sign(ATTESTER, 10, message(10))).isNotEmpty();
  }

  @Test
  void aFailedPersistKeepsTheLeafUsedForAnyOtherMessage() {
    activeKey(0);
    String key = node.env.remove("CACHET_STATE_KEY_HEX"); // the key provider fails
    assertThatThrownBy(() -> node.keys.sign(ATTESTER, 3, message(3)))
        .isInstanceOf(StateKeyUnavailableException.class);
    node.env.put("CACHET_STATE_KEY_HEX", key);

    assertThatThrownBy(() -> node.keys.sign(ATTESTER, 3, message(30)))
        .isInstanceOf(SlotAlreadySignedException.class)
        .hasMessageContaining("began already");
    assertThat(node.keys.sign(ATTESTER, 3, message(3))).isNotEmpty();
    assertThat(node.keys.view(ATTESTER).highestSignedSlot()).isEqualTo(3);
  }

  @Test
  void anImportIsRefusedUnlessItsSeedsGiveTheStatedRoot() {
    XmssSecretSeeds seeds = XmssSecretSeeds.generate(new java.security.SecureRandom());
    byte[] wrongRoot = new byte[32];
    ImportKey wrong =
        new ImportKey(ATTESTER, SMALL, seeds, Optional.of(wrongRoot), OptionalLong.empty());
    assertThatThrownBy(() -> node.keys.importKey(wrong)).isInstanceOf(RootMismatchException.class);
    assertThatThrownBy(() -> node.keys.view(ATTESTER)).isInstanceOf(KeyNotFoundException.class);
    assertThat(node.vault.read(ATTESTER.recordName())).isEmpty();
  }

  @Test
  void anImportedKeySignsFromItsNextSlotOn() {
    XmssSecretSeeds seeds = XmssSecretSeeds.generate(new java.security.SecureRandom());
    KeyView imported =
        node.keys.importKey(
            new ImportKey(ATTESTER, SMALL, seeds, Optional.empty(), OptionalLong.of(20)));
    assertThat(imported.state()).isEqualTo(KeyState.ACTIVE);
    assertThatThrownBy(() -> node.keys.sign(ATTESTER, 19, message(1)))
        .isInstanceOf(SlotAlreadySignedException.class)
        .hasMessageContaining("first slot the key may sign, 20");
    assertThat(verifies(imported, node.keys.sign(ATTESTER, 20, message(2)), message(2))).isTrue();
  }

  @Test
  void readinessWaitsForEveryActiveKeyToCoverTheCurrentSlot() {
    activeKey(0);
    assertThat(node.keys.unready()).isEmpty();
    node.atSlot(100);
    assertThat(node.keys.unready()).containsExactly(ATTESTER);
    node.keys.onSlot();
    node.pool.runAll();
    assertThat(node.keys.unready()).isEmpty();
  }

  @Test
  void askingForASlotPastTheLifetimeRaisesNoAlertButTheLastLeafDoes() {
    List<LogRecord> alerts = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
              alerts.add(record);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger logger = Logger.getLogger(KeyManager.class.getName());
    logger.addHandler(handler);
    try {
      activeKey(240);
      node.atSlot(240);
      assertThatThrownBy(() -> node.keys.sign(ATTESTER, 256, message(1)))
          .isInstanceOf(KeyExhaustedException.class);
      assertThat(alerts).as("anyone may ask for a slot past the lifetime").isEmpty();

      node.keys.sign(ATTESTER, 255, message(2));
      assertThat(alerts).hasSize(1);
      assertThat(alerts.get(0).getMessage()).contains("last leaf");
    } finally {
      logger.removeHandler(handler);
    }
  }

  @Test
  void aSlotFarAheadAsksToRetryAtMostADayLater() {
    XmssParameters deep = new XmssParameters(60, 12);
    node.keys.generate(new GenerateKey(ATTESTER, deep, OptionalLong.of(0)));
    node.pool.runAll();
    assertThatThrownBy(() -> node.keys.sign(ATTESTER, 1L << 58, message(1)))
        .isInstanceOfSatisfying(
            KeyNotPreparedException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(RetryLaterException.LONGEST));
  }

  private long waitingPreparations() {
    return node.keys.waitingWork().stream().filter("WindowPreparation"::equals).count();
  }
}
