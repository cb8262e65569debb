package dev.cachet.checkpoint;

import static dev.cachet.checkpoint.TestSigners.ed25519;
import static dev.cachet.checkpoint.TestSigners.ed25519Key;
import static dev.cachet.checkpoint.TestSigners.identity;
import static dev.cachet.checkpoint.TestSigners.seeds;
import static dev.cachet.checkpoint.TestSigners.xmss;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.committee.CheckpointDuty;
import dev.cachet.committee.Committee;
import dev.cachet.committee.Member;
import dev.cachet.node.IdentityKey;
import dev.cachet.xmss.GeneratedKey;
import dev.cachet.xmss.XmssKeys;
import dev.cachet.xmss.XmssParameters;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

/**
 * A validator node's side of a slot through its ports, with real signatures: its attestation is
 * signed beside the execution of the last block, and sent only when the job attests; a proposal the
 * job does not attest leaves its signature unsent. Blocks whose signer is not the proposer, or
 * whose signature is forged, are refused with their own reasons.
 */
class CheckpointNodeTest {

  private static final XmssParameters SMALL = new XmssParameters(8, 2);
  private static final long SLOT = 5; // inside the keys' first bottom tree (leaves 0 to 15)
  private static final long EPOCH_START = 1_000_000;

  private final List<Ed25519PrivateKeyParameters> identities = new ArrayList<>();
  private final List<GeneratedKey> attestationKeys = new ArrayList<>();
  private final List<GeneratedKey> proposalKeys = new ArrayList<>();
  private final Committee committee;
  private final int proposer;
  private final int self;

  private final Chains.ManualExecutor executor = new Chains.ManualExecutor();
  private final List<CheckpointNode.Message> sent = new ArrayList<>();
  private final List<Long> attestationSigned = new ArrayList<>();
  private final Map<Long, CheckpointJob.Outcome> outcomes = new HashMap<>();
  private long now = EPOCH_START + SLOT * 1_000 - 100; // just before the slot: not mid-slot

  CheckpointNodeTest() {
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Ed25519PrivateKeyParameters id = ed25519Key(i + 1);
      GeneratedKey att = XmssKeys.generate(SMALL, seeds(10 + i), SLOT, Runnable::run);
      GeneratedKey prop = XmssKeys.generate(SMALL, seeds(20 + i), SLOT, Runnable::run);
      identities.add(id);
      attestationKeys.add(att);
      proposalKeys.add(prop);
      members.add(
          new Member(
              "n" + i,
              identity(id),
              1,
              URI.create("http://127.0.0.1:900" + i),
              Optional.of(
                  new CheckpointDuty(
                      100 + i, att.publicKey().rfcBytes(), prop.publicKey().rfcBytes()))));
    }
    committee = Committee.of(0, members);
    IdentityKey proposerKey = committee.proposerOf(SLOT).orElseThrow().identityKey();
    proposer = indexOf(proposerKey);
    self = (proposer + 1) % 3;
  }

  private final CheckpointNode.Ports ports =
      new CheckpointNode.Ports() {
        @Override
        public Optional<Committee> committeeOf(long slot) {
          return Optional.of(committee);
        }

        @Override
        public IdentityKey self() {
          return identity(identities.get(self));
        }

        @Override
        public long now() {
          return now;
        }

        @Override
        public long slotStart(long slot) {
          return EPOCH_START + slot * 1_000;
        }

        @Override
        public long slotMillis() {
          return 1_000;
        }

        @Override
        public void at(long atMillis, Runnable task) {}

        @Override
        public Executor executor() {
          return executor;
        }

        @Override
        public byte[] signIdentity(Bytes32 digest) {
          return ed25519(identities.get(self), digest.bytes());
        }

        @Override
        public Optional<byte[]> signXmss(
            boolean proposal, long validatorIndex, long slot, Bytes32 digest) {
          assertThat(proposal).isFalse();
          assertThat(validatorIndex).isEqualTo(100 + self);
          attestationSigned.add(slot);
          return Optional.of(xmss(attestationKeys.get(self), slot, digest.bytes()));
        }

        @Override
        public void broadcast(Committee c, CheckpointNode.Message message) {
          sent.add(message);
        }

        @Override
        public void stored(CheckpointNode.Published published) {}

        @Override
        public Optional<CheckpointNode.Published> fetch(long slot) {
          return Optional.empty();
        }

        @Override
        public void outcome(long slot, CheckpointJob.Outcome outcome) {
          outcomes.put(slot, outcome);
        }
      };

  private CheckpointNode node() {
    CheckpointNode node =
        new CheckpointNode(
            ports,
            new CheckpointNode.Settings(4, 0.5, 0.9, 100, 64),
            new LedgerExecutor(),
            new CheckpointSignatures(SMALL),
            Chains.genesisTip(),
            List.of());
    now = EPOCH_START + SLOT * 1_000 + 10;
    return node;
  }

  private CheckpointNode.BlockMessage blockBy(int signer, Block block) {
    return new CheckpointNode.BlockMessage(
        block,
        identity(identities.get(signer)),
        ed25519(identities.get(signer), CheckpointSignatures.blockDigest(block).bytes()));
  }

  private CheckpointNode.ProposalMessage proposal(List<Block> blocks) {
    CheckpointHeader header = Chains.header(blocks);
    Block last = blocks.get(blocks.size() - 1);
    return new CheckpointNode.ProposalMessage(
        header,
        last,
        xmss(
            proposalKeys.get(proposer),
            SLOT,
            CheckpointSignatures.proposalDigest(header, last).bytes()));
  }

  private List<CheckpointNode.AttestationMessage> attestationsSent() {
    return sent.stream()
        .filter(m -> m instanceof CheckpointNode.AttestationMessage)
        .map(m -> (CheckpointNode.AttestationMessage) m)
        .toList();
  }

  @Test
  void theAttestationIsSignedBesideTheLastBlockAndSentOnceItMatched() {
    CheckpointNode node = node();
    List<Block> blocks = Chains.blocks(SLOT, Chains.genesisTip(), 3);
    node.receiveBlock(blockBy(proposer, blocks.get(0)));
    node.receiveBlock(blockBy(proposer, blocks.get(1)));
    executor.runAll();

    node.receiveProposal(proposal(blocks));
    assertThat(executor.tasks)
        .as("the last block's execution and the signing, side by side")
        .hasSize(2);
    executor.runAll();

    List<CheckpointNode.AttestationMessage> attestations = attestationsSent();
    assertThat(attestations).hasSize(1);
    assertThat(attestations.get(0).header()).isEqualTo(Chains.header(blocks));
    assertThat(attestations.get(0).validatorIndex()).isEqualTo(100 + self);
    assertThat(
            new CheckpointSignatures(SMALL)
                .attestationSigned(
                    committee, Chains.header(blocks), 100 + self, attestations.get(0).signature()))
        .isTrue();
    assertThat(attestationSigned).containsExactly(SLOT); // signed once, not again at the end
    CheckpointNode.SlotView view = node.slot(SLOT);
    assertThat(view.attested()).contains(Chains.header(blocks));
    assertThat(view.attestationMicros()).isPresent();
    assertThat(view.executionMicros()).hasSize(3);
  }

  @Test
  void aProposalTheJobDoesNotAttestKeepsItsSignatureOnTheNode() {
    CheckpointNode node = node();
    List<Block> honest = Chains.blocks(SLOT, Chains.genesisTip(), 2);
    BlockHeader h = honest.get(1).header();
    BlockHeader wrongRoot =
        new BlockHeader(
            h.slot(),
            h.blockNumber(),
            h.indexWithinCheckpoint(),
            h.parentArchive(),
            Bytes32.sha256(new byte[] {1}),
            h.txRoot(),
            h.timestamp());
    List<Block> lying =
        List.of(honest.get(0), new Block(wrongRoot, wrongRoot.archive(), honest.get(1).txs()));
    node.receiveBlock(blockBy(proposer, lying.get(0)));
    node.receiveProposal(proposal(lying));
    executor.runAll();

    assertThat(attestationSigned).as("signed beside the execution").containsExactly(SLOT);
    assertThat(attestationsSent()).as("but never sent").isEmpty();
    now += 1_000;
    node.slotStarted(SLOT + 1);
    assertThat(outcomes.get(SLOT).reason()).contains(CheckpointJob.Reason.STATE_MISMATCH);
    CheckpointNode.SlotView view = node.slot(SLOT); // the job is gone: what it did is kept
    assertThat(view.blocksReceived()).isEqualTo(2);
    assertThat(view.blocksExecuted()).isEqualTo(2);
    assertThat(view.attested()).isEmpty();
  }

  @Test
  void aBlockByAnotherMemberIsAWrongProposerAndAForgedOneAnInvalidProposal() {
    List<Block> blocks = Chains.blocks(SLOT, Chains.genesisTip(), 2);
    int other = (proposer + 2) % 3;

    CheckpointNode wrong = node();
    assertThat(wrong.receiveBlock(blockBy(other, blocks.get(0))))
        .isEqualTo(CheckpointJob.Received.REFUSED);
    now += 1_000;
    wrong.slotStarted(SLOT + 1);
    assertThat(outcomes.get(SLOT).reason()).contains(CheckpointJob.Reason.WRONG_PROPOSER);

    now = EPOCH_START + SLOT * 1_000 - 100;
    CheckpointNode forged = node();
    CheckpointNode.BlockMessage byProposer = blockBy(proposer, blocks.get(0));
    CheckpointNode.BlockMessage claimed = // the proposer's signature under another signer
        new CheckpointNode.BlockMessage(
            blocks.get(0), identity(identities.get(other)), byProposer.signature());
    assertThat(forged.receiveBlock(claimed)).isEqualTo(CheckpointJob.Received.REFUSED);
    now += 1_000;
    forged.slotStarted(SLOT + 1);
    assertThat(outcomes.get(SLOT).reason()).contains(CheckpointJob.Reason.INVALID_PROPOSAL);
    assertThat(sent).isEmpty();
  }

  private int indexOf(IdentityKey key) {
    for (int i = 0; i < identities.size(); i++) {
      if (identity(identities.get(i)).equals(key)) {
        return i;
      }
    }
    throw new IllegalStateException("not a member");
  }
}
