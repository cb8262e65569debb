package dev.cachet.handoff;

import dev.cachet.committee.Committee;
import dev.cachet.committee.Member;
import dev.cachet.node.IdentityKey;
import dev.cachet.node.NodeIdentity;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * One epoch's handoff, simulated: every member and the joiner run a real {@link HandoffEngine} on
 * virtual time, over an in-memory store and network; the seed fixes every delay, drop, duplicate,
 * crash, restart and lie. Epoch 1 (100 slots of 1 s) is handed to committee 2; epoch 0 has no
 * committee, so the barrier of epoch 1 is open and only the handoff of 1 is at stake.
 */
final class HandoffSimulation {

  /** What a run showed. */
  record Outcome(
      Scenario scenario,
      List<String> violations,
      boolean safetyBroken,
      List<String> uncertified,
      boolean honestAgreed,
      long fingerprint,
      long events,
      Map<String, Integer> deliveries) {

    boolean live() {
      return uncertified.isEmpty();
    }

    /**
     * Liveness is owed when the inputs agree: all honest members up (or back) and messages
     * delivered, with members below a third of the stake down or lying about signatures. Under
     * timing games honest snapshots may differ so that no digest reaches a quorum: then it is
     * measured, not owed; but where honest signals for one digest do hold a quorum, it is owed.
     * With byzantine stake above a third nothing is owed.
     */
    boolean livenessOwed() {
      return switch (scenario.kind) {
        case HONEST, CRASHED, BYZANTINE_SIGNING -> true;
        case BYZANTINE_TIMING -> honestAgreed;
        case BYZANTINE_MAJORITY -> false;
      };
    }

    /** Every violation, and liveness where owed, each with its seed and kind. */
    List<String> failures() {
      List<String> failures = new ArrayList<>();
      violations.forEach(v -> failures.add(scenario + ": " + v));
      if (livenessOwed() && !live()) {
        failures.add(scenario + ": not certified by the epoch's end: " + uncertified);
      }
      return failures;
    }
  }

  static final long EPOCH = 1;
  static final long SLOTS_PER_EPOCH = 100;
  static final long GENESIS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  static final long EPOCH_MILLIS = SLOTS_PER_EPOCH * 1_000;
  static final long EPOCH_START = GENESIS + EPOCH * EPOCH_MILLIS;
  static final long END = EPOCH_START + EPOCH_MILLIS;
  static final long CLOSE = EPOCH_START + EPOCH_MILLIS / 2;

  /** From here on nothing crashes, and every node that crashed is back within its downtime. */
  static final long LAST_CRASH = EPOCH_START + 70_000;

  /** From here on no message is dropped. */
  static final long HEAL = EPOCH_START + 80_000;

  private static final int MOST_VIOLATIONS = 20;

  final Scenario scenario;
  final EventQueue time = new EventQueue(EPOCH_START);
  final Committee committee;
  final Committee next;
  final List<SimulatedNode> nodes = new ArrayList<>();
  final SafetyLedger ledger;
  final Trace trace = new Trace();
  final HandoffSettings settings;
  final Map<String, Integer> delivered = new TreeMap<>();

  HandoffSimulation(Scenario scenario) {
    this.scenario = scenario;
    Random setup = new Random(scenario.seed * 31 + 1);
    List<Member> members = new ArrayList<>();
    List<NodeIdentity> identities = new ArrayList<>();
    for (int i = 0; i < scenario.nodes(); i++) {
      byte[] plaintext = new byte[33];
      setup.nextBytes(plaintext);
      plaintext[0] = 1;
      NodeIdentity identity = NodeIdentity.decode(plaintext);
      identities.add(identity);
      long stake = i < scenario.members ? scenario.stakes[i] : scenario.joinerStake;
      members.add(
          new Member(
              "m" + i, identity.publicKey(), stake, URI.create("http://m" + i + ".sim:7000")));
    }
    committee = Committee.of(EPOCH, members.subList(0, scenario.members));
    next = Committee.of(EPOCH + 1, members);
    settings = HandoffSettings.defaults(Duration.ofMillis(scenario.resendMillis));
    ledger = new SafetyLedger(committee, next, time);
    SimulatedNetwork network =
        new SimulatedNetwork(time, new Random(scenario.seed * 31 + 3), scenario, HEAL, trace);
    Map<IdentityKey, SimulatedNode> byKey = new LinkedHashMap<>();
    for (int i = 0; i < scenario.nodes(); i++) {
      boolean honest = scenario.honest(i);
      String name = (honest ? "m" : "byz") + i;
      SimulatedNode node =
          new SimulatedNode(
              i,
              honest,
              identities.get(i),
              honest ? new InMemoryHandoffStore(ledger.watch(name)) : null,
              new SimulatedInputs(EPOCH, time),
              Clock.offset(time.clock(), Duration.ofMillis(scenario.skewMillis[i])));
      nodes.add(node);
      byKey.put(node.key, node);
    }
    new Announcements(this, setup).draw();
    Adversary adversary =
        scenario.kind.ordinal() >= Scenario.Kind.BYZANTINE_SIGNING.ordinal()
            ? new Adversary(this, network, new Random(scenario.seed * 31 + 4))
            : null;
    NodeLives lives = new NodeLives(this, network, adversary, new Random(scenario.seed * 31 + 2));
    network.connect(lives, byKey);
    lives.schedule();
  }

  static Outcome run(Scenario scenario) {
    return new HandoffSimulation(scenario).run();
  }

  Outcome run() {
    time.runUntil(END);
    List<String> uncertified = new ArrayList<>();
    for (SimulatedNode node : nodes) {
      if (!node.honest || scenario.isAbsent(node.index)) {
        continue;
      }
      Optional<HandoffCertificate> held = node.store.certificate(EPOCH);
      boolean passed = node.up() && node.engine().barrier(EPOCH + 1).passed();
      if (held.isEmpty() || !passed) {
        uncertified.add(
            node.name + (node.up() ? " " + node.engine().view(EPOCH).phase() : " down"));
      }
      trace.mix(held.map(c -> c.statement().items().digest().hashCode()).orElse(0));
    }
    List<String> violations = ledger.violations();
    return new Outcome(
        scenario,
        List.copyOf(violations.subList(0, Math.min(violations.size(), MOST_VIOLATIONS))),
        ledger.safetyBroken(),
        uncertified,
        honestAgreed(),
        trace.fingerprint(),
        time.processed(),
        Collections.unmodifiableMap(new TreeMap<>(delivered)));
  }

  /** Whether honest members' ready signals for one digest hold a quorum of the stake. */
  private boolean honestAgreed() {
    Map<Hash32, List<IdentityKey>> signers = new LinkedHashMap<>();
    for (SimulatedNode node : nodes) {
      if (node.honest) {
        node.store
            .ownReady(EPOCH)
            .ifPresent(
                r ->
                    signers
                        .computeIfAbsent(r.snapshotDigest(), d -> new ArrayList<>())
                        .add(node.key));
      }
    }
    return signers.values().stream().anyMatch(committee::isQuorum);
  }

  // ---- for the adversary and the announcements ----

  Items listing(SimulatedNode node) {
    return node.inputs.listing(CLOSE);
  }

  HandoffStatement statementOf(Items items) {
    return new HandoffStatement(EPOCH, KeySet.hash(next), items);
  }
}
