package dev.cachet.handoff;

import static dev.cachet.handoff.HandoffSimulation.CLOSE;
import static dev.cachet.handoff.HandoffSimulation.END;
import static dev.cachet.handoff.HandoffSimulation.EPOCH;

import dev.cachet.node.IdentityKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The byzantine members, acting together and knowing what every honest node holds. They send each
 * honest member a ready signal for that member's own snapshot (so, where snapshots differ, signals
 * for several digests), and with double-signing a signal for a made-up snapshot to some; they
 * attest whatever each node froze or holds, and with double-signing another statement to some; they
 * assemble freeze certificates from honest signals wherever their own signatures complete a quorum;
 * they withhold a share of every round, send malformed messages, and serve forged certificates.
 */
final class Adversary {

  private final HandoffSimulation world;
  private final SimulatedNetwork network;
  private final Random random;
  private final Scenario scenario;
  private final List<SimulatedNode> liars = new ArrayList<>();
  private final Map<Hash32, Map<IdentityKey, ReadySignal>> honestReadies = new TreeMap<>();
  private final Map<Hash32, Items> snapshots = new TreeMap<>();
  private final Set<Hash32> assembled = new TreeSet<>();

  Adversary(HandoffSimulation world, SimulatedNetwork network, Random random) {
    this.world = world;
    this.network = network;
    this.random = random;
    this.scenario = world.scenario;
    for (SimulatedNode node : world.nodes) {
      if (!node.honest) {
        liars.add(node);
      }
    }
  }

  /** A byzantine majority splits the honest members; a minority also muddies them. */
  private boolean splitting() {
    return scenario.kind == Scenario.Kind.BYZANTINE_MAJORITY;
  }

  void schedule() {
    long first = CLOSE + 4_000 + (splitting() ? 0 : random.nextInt(15_000));
    world.time.at(first, this::readyRound);
    world.time.at(first + 5_000 + random.nextInt(10_000), this::readyRound);
    for (long at = CLOSE + 5_000; at < END - 10_000; at += 2_500) {
      world.time.at(at, this::assembleFreezes);
    }
    long attest = CLOSE + 6_000 + random.nextInt(10_000);
    world.time.at(attest, this::attestRound);
    world.time.at(attest + 5_000 + random.nextInt(20_000), this::attestRound);
  }

  void observe(SimulatedNode from, SimulatedNetwork.Message message) {
    if (from.honest && message instanceof SimulatedNetwork.Ready r) {
      Hash32 digest = r.signal().snapshotDigest();
      boolean fresh = !honestReadies.containsKey(digest);
      honestReadies.computeIfAbsent(digest, d -> new LinkedHashMap<>()).put(from.key, r.signal());
      snapshots.putIfAbsent(digest, r.snapshot());
      if (splitting()) {
        if (fresh) {
          backEverySide(digest, r.snapshot());
        }
        assembleFreezes();
      }
    }
  }

  /** A majority signs each honest side's digest at once, for the members on that side. */
  private void backEverySide(Hash32 digest, Items snapshot) {
    for (SimulatedNode liar : liars) {
      ReadySignal signal = ReadySignal.sign(EPOCH, digest, liar.signer);
      for (SimulatedNode target : world.nodes) {
        if (target.honest && world.listing(target).digest().equals(digest)) {
          network.send(liar, target.key, new SimulatedNetwork.Ready(signal, snapshot));
        }
      }
    }
  }

  private void readyRound() {
    for (SimulatedNode liar : liars) {
      for (SimulatedNode target : world.nodes) {
        if (!target.honest || !world.committee.contains(target.key) || withheld()) {
          continue;
        }
        Items snapshot =
            scenario.doubleReady && !splitting() && random.nextBoolean()
                ? madeUp(world.listing(target), liar)
                : world.listing(target);
        ReadySignal signal = ReadySignal.sign(EPOCH, snapshot.digest(), liar.signer);
        network.send(liar, target.key, new SimulatedNetwork.Ready(signal, snapshot));
        if (scenario.garbage && random.nextInt(4) == 0) {
          Items wrong = madeUp(snapshot, liar); // not the signal's snapshot
          network.send(liar, target.key, new SimulatedNetwork.Ready(signal, wrong));
        }
      }
    }
  }

  /** Where honest signals for a digest plus the liars' reach a quorum, a freeze certificate. */
  private void assembleFreezes() {
    for (Map.Entry<Hash32, Map<IdentityKey, ReadySignal>> e : honestReadies.entrySet()) {
      Hash32 digest = e.getKey();
      List<ReadySignal> signals = new ArrayList<>(e.getValue().values());
      for (SimulatedNode liar : liars) {
        signals.add(ReadySignal.sign(EPOCH, digest, liar.signer));
      }
      List<IdentityKey> signers = signals.stream().map(ReadySignal::signer).toList();
      if (assembled.contains(digest) || !world.committee.isQuorum(signers)) {
        continue;
      }
      assembled.add(digest);
      FreezeCertificate freeze = new FreezeCertificate(EPOCH, snapshots.get(digest), signals);
      for (SimulatedNode target : world.nodes) {
        boolean theirs = world.listing(target).digest().equals(digest);
        if (target.honest && (!splitting() || theirs) && !withheld()) {
          network.send(liars.get(0), target.key, new SimulatedNetwork.Freeze(freeze));
        }
      }
    }
    if (scenario.garbage && random.nextInt(8) == 0) {
      sendToAll(new SimulatedNetwork.Freeze(lonelyFreeze()));
    }
  }

  private void attestRound() {
    for (SimulatedNode liar : liars) {
      for (SimulatedNode target : world.nodes) {
        if (!target.honest || withheld()) {
          continue;
        }
        Items items =
            target
                .store
                .freeze(EPOCH)
                .map(FreezeCertificate::snapshot)
                .orElse(world.listing(target));
        HandoffStatement statement = world.statementOf(items);
        if (scenario.doubleAttest && !splitting() && random.nextBoolean()) {
          statement =
              random.nextBoolean()
                  ? world.statementOf(madeUp(items, liar))
                  : new HandoffStatement(EPOCH, KeySet.hash(world.committee), items);
        }
        network.send(
            liar, target.key, new SimulatedNetwork.Attest(statement, attestation(liar, statement)));
      }
    }
  }

  /** What a liar serves when asked for the certificate: nothing, or a forgery. */
  Optional<HandoffCertificate> answer(long epoch) {
    if (!scenario.garbage || random.nextBoolean()) {
      return Optional.empty();
    }
    HandoffStatement statement = world.statementOf(madeUp(Items.sorted(List.of()), liars.get(0)));
    List<Attestation> signatures = new ArrayList<>();
    for (SimulatedNode liar : liars) {
      signatures.add(attestation(liar, statement));
    }
    long total = world.committee.totalStake();
    return Optional.of(new HandoffCertificate(statement, signatures, total, total));
  }

  private FreezeCertificate lonelyFreeze() {
    Items items = madeUp(Items.sorted(List.of()), liars.get(0));
    List<ReadySignal> signals = new ArrayList<>();
    for (SimulatedNode liar : liars) {
      signals.add(ReadySignal.sign(EPOCH, items.digest(), liar.signer));
    }
    return new FreezeCertificate(EPOCH, items, signals);
  }

  private void sendToAll(SimulatedNetwork.Message message) {
    for (SimulatedNode target : world.nodes) {
      if (target.honest) {
        network.send(liars.get(0), target.key, message);
      }
    }
  }

  private static Attestation attestation(SimulatedNode liar, HandoffStatement statement) {
    return new Attestation(liar.key, liar.signer.sign(statement.signedBytes()));
  }

  /** {@code items} with the liar's own entry set to a blob nobody holds. */
  private Items madeUp(Items items, SimulatedNode liar) {
    Map<IdentityKey, Hash32> map = new LinkedHashMap<>();
    items.list().forEach(i -> map.put(i.key(), i.digest()));
    map.put(liar.key, Hash32.blake2b(new byte[] {(byte) liar.index, (byte) items.size()}));
    return Items.metadata(map);
  }

  private boolean withheld() {
    return random.nextDouble() < scenario.withhold;
  }
}
