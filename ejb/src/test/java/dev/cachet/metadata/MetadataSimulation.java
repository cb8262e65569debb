package dev.cachet.metadata;

import dev.cachet.committee.Committee;
import dev.cachet.committee.Member;
import dev.cachet.node.IdentityKey;
import dev.cachet.node.NodeIdentity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One seeded run of the metadata exchange: the nodes of a {@link SimScenario} on a {@link
 * SimNetwork}, driven by an {@link EventQueue} until {@link #END_MILLIS} of virtual time. The
 * {@link SimInvariants} are checked after every event that ran a node's code; at the end, the
 * {@link SimLedger}'s promise: every honest node holds every honest member's latest announcement
 * and its blob, byte for byte.
 */
final class MetadataSimulation {

  static final long EPOCH = 7;
  static final Duration EPOCH_LENGTH = Duration.ofSeconds(64);
  static final long MAX_BLOB_SIZE = 2 * 1024 * 1024;

  /** The end of a run, in ms of virtual time since its epoch began: well within the epoch. */
  static final long END_MILLIS = 48_000;

  private static final long EPOCH_START = 1_700_000_000_000L;
  private static final ExchangeSettings SETTINGS =
      ExchangeSettings.forEpochs(EPOCH_LENGTH, MAX_BLOB_SIZE);
  private static final long CADENCE = ExchangeSettings.cadence(EPOCH_LENGTH).toMillis();
  private static final long PROBE_EVERY = 500;

  /**
   * A run's result.
   *
   * @param settledAt from when on every honest node held every honest member's latest blob (at each
   *     probe, every {@value #PROBE_EVERY} ms), or -1 if not by the end
   * @param lastUpheaval when the last publish or restart was
   * @param lastUnsettled what was missing at the last probe that found something missing
   */
  record Outcome(
      SimScenario scenario,
      List<String> violations,
      long fingerprint,
      List<String> recentTrace,
      List<String> trace,
      Map<String, Integer> counts,
      long settledAt,
      long lastUpheaval,
      String lastUnsettled) {

    String report() {
      return scenario.describe()
          + "\n  "
          + String.join("\n  ", violations)
          + "\n  last events:\n    "
          + String.join("\n    ", recentTrace);
    }
  }

  /** How a run may break the exchange's assumptions on purpose, to show the checks can fail. */
  enum Breakage {
    NONE,
    /** One honest node loses every call, to it and from it, for the whole run. */
    CUT_OFF_ONE_HONEST_NODE
  }

  private final SimScenario scenario;
  private final SimClock clock = new SimClock(EPOCH_START);
  private final SimTrace trace;
  private final EventQueue events;
  private final SimNetwork network;
  private final TestNodes.FixedCommittees committees;
  private final SimInvariants invariants;
  private final SimLedger ledger;
  private final SplittableRandom content;
  private final SplittableRandom timing;
  private final Map<Integer, SimNode> honest = new TreeMap<>();
  private final Map<String, Integer> counts = new TreeMap<>();
  private SimLiar liar;
  private long settledAt = -1;
  private long lastUpheaval;
  private String lastUnsettled = "";

  private MetadataSimulation(long seed, boolean keepTrace, Breakage breakage) {
    SplittableRandom plan = new SplittableRandom(seed);
    this.scenario = SimScenario.draw(seed, plan);
    this.trace = new SimTrace(keepTrace);
    this.events = new EventQueue(clock, trace);
    SplittableRandom net = plan.split();
    this.content = plan.split();
    this.timing = plan.split();
    SplittableRandom lies = plan.split();
    List<NodeIdentity> identities = new ArrayList<>();
    for (int i = 0; i < scenario.nodes(); i++) {
      identities.add(TestNodes.identity(plan));
    }
    NodeIdentity outsider = TestNodes.identity(plan);
    this.committees = committees(identities);
    this.invariants = new SimInvariants(committees);
    for (int i = 0; i < scenario.nodes(); i++) {
      if (scenario.honest(i)) {
        honest.put(i, new SimNode(i, "n" + i, identities.get(i), trace, this::count));
      }
    }
    this.ledger = new SimLedger(EPOCH, honest.values());
    this.network = new SimNetwork(events, net, scenario.faults(), ledger::reached, this::count);
    honest.values().forEach(n -> network.attach(n.key, n.index, n.name, n));
    scenario
        .liar()
        .ifPresent(
            l -> {
              List<IdentityKey> victims = honest.values().stream().map(n -> n.key).toList();
              liar =
                  new SimLiar(
                      l.index(),
                      l.lie(),
                      identities.get(l.index()),
                      outsider,
                      victims,
                      EPOCH,
                      MAX_BLOB_SIZE,
                      clock,
                      lies);
              network.attach(liar.key, liar.index, liar.name, liar);
            });
    if (breakage == Breakage.CUT_OFF_ONE_HONEST_NODE) {
      network.cutOff(honest.keySet().iterator().next());
    }
  }

  static Outcome run(long seed) {
    return run(seed, false, Breakage.NONE);
  }

  static Outcome run(long seed, boolean keepTrace, Breakage breakage) {
    return new MetadataSimulation(seed, keepTrace, breakage).run();
  }

  private TestNodes.FixedCommittees committees(List<NodeIdentity> identities) {
    List<Member> current = new ArrayList<>();
    List<Member> next = new ArrayList<>();
    for (int i = 0; i < identities.size(); i++) {
      Member member =
          TestNodes.member(
              "node-" + i, identities.get(i).publicKey(), scenario.stakes().get(i), 9000 + i);
      if (scenario.inThisCommittee(i)) {
        current.add(member);
      }
      if (scenario.inNextCommittee(i)) {
        next.add(member);
      }
    }
    return new TestNodes.FixedCommittees(
        EPOCH,
        Map.of(EPOCH, Committee.of(EPOCH, current), EPOCH + 1, Committee.of(EPOCH + 1, next)));
  }

  private MetadataExchange exchange(
      int index,
      String name,
      NodeIdentity identity,
      HashCheckingBlobHolder blobs,
      BooleanSupplier alive) {
    TestNodes.IdentitySigner signer = new TestNodes.IdentitySigner(identity);
    return new MetadataExchange(
        committees,
        signer,
        network.transport(index, name, signer.identityKey(), alive),
        blobs,
        clock,
        SETTINGS,
        new Counting());
  }

  private void start(SimNode node) {
    node.start(life -> exchange(node.index, node.name, node.identity, node.blobs, life::alive));
    invariants.started(node.index);
  }

  private Outcome run() {
    countScenario();
    for (SimNode node : honest.values()) {
      start(node);
      ticks(node.index, () -> node.up() ? Optional.of(node.exchange()) : Optional.empty());
    }
    if (liar != null && liar.runsTheProtocol()) {
      liar.start(exchange(liar.index, liar.name, liar.identity, liar.blobs(), () -> true));
      ticks(liar.index, liar::exchange);
    }
    if (liar != null && liar.lie == SimLiar.Lie.FORGES) {
      forgeries(timing.nextInt(1_000));
    }
    if (liar != null && liar.lie == SimLiar.Lie.MISSIZES) {
      missizes(timing.nextInt(1_000));
    }
    for (SimScenario.Publish p : scenario.publishes()) {
      events.at(p.at(), p.node(), "publish " + p.node(), () -> publish(p));
    }
    if (scenario.crashed() >= 0) {
      SimNode node = honest.get(scenario.crashed());
      events.at(scenario.crashAt(), node.index, "crash " + node.name, () -> crash(node));
      events.at(scenario.restartAt(), node.index, "restart " + node.name, () -> restart(node));
    }
    for (long at = PROBE_EVERY; at <= END_MILLIS; at += PROBE_EVERY) {
      events.quietly(at, this::probe);
    }
    try {
      events.runUntil(END_MILLIS, this::checkAfter);
      ledger.notYetHeld(false, true).forEach(invariants::fail);
    } catch (RuntimeException | AssertionError e) {
      invariants.fail("at " + clock.elapsedMillis() + " ms the run stopped: " + e);
    }
    int lost = ledger.lostWithACrash();
    if (lost > 0) {
      counts.merge("members whose every announcement died with a crash", lost, Integer::sum);
    }
    return new Outcome(
        scenario,
        invariants.violations(),
        trace.fingerprint(),
        trace.recent(),
        trace.all(),
        Map.copyOf(counts),
        settledAt,
        lastUpheaval,
        lastUnsettled);
  }

  private void countScenario() {
    scenario.liar().ifPresent(l -> count("liar " + l.lie()));
    if (scenario.joiner() >= 0) {
      count("joiners");
    }
    if (scenario.leaver() >= 0) {
      count("leavers");
    }
    for (SimScenario.Publish p : scenario.publishes()) {
      if (p.size() > 64 * SimScenario.KIB) {
        count("large blobs");
      } else if (p.size() == 0) {
        count("empty blobs");
      }
      if (p.sameBytes()) {
        count("republished the same bytes");
      }
    }
  }

  private void ticks(int index, Supplier<Optional<MetadataExchange>> exchange) {
    tick(index, timing.nextInt((int) CADENCE), exchange);
  }

  private void tick(int index, long at, Supplier<Optional<MetadataExchange>> exchange) {
    events.at(
        at,
        index,
        "tick " + index,
        () -> {
          exchange.get().ifPresent(MetadataExchange::tick);
          if (at + CADENCE <= END_MILLIS) {
            tick(index, at + CADENCE, exchange);
          }
        });
  }

  /** The forging liar pushes a forgery to about half the members, every 0.3 to 1.5 s. */
  private void forgeries(long at) {
    events.at(
        at,
        EventQueue.NO_NODE,
        "forge",
        () -> {
          MetadataTransport via = network.transport(liar.index, liar.name, liar.key, () -> true);
          for (Member m : members()) {
            if (!m.identityKey().equals(liar.key) && timing.nextBoolean()) {
              via.push(m, liar.forge(), ok -> {});
              count("forgeries");
            }
          }
          long next = at + 300 + timing.nextInt(1_200);
          if (next <= END_MILLIS) {
            forgeries(next);
          }
        });
  }

  /** The missizing liar looks for a newer honest blob to missize every 0.5 to 1.5 s. */
  private void missizes(long at) {
    events.at(
        at,
        EventQueue.NO_NODE,
        "missize",
        () -> {
          liar.missize().ifPresent(this::toEveryOtherMember);
          long next = at + 500 + timing.nextInt(1_000);
          if (next <= END_MILLIS) {
            missizes(next);
          }
        });
  }

  private void toEveryOtherMember(SignedAnnouncement lie) {
    MetadataTransport via = network.transport(liar.index, liar.name, liar.key, () -> true);
    for (Member m : members()) {
      if (!m.identityKey().equals(liar.key)) {
        via.push(m, lie, ok -> {});
        count("missized announcements pushed");
      }
    }
  }

  private Set<Member> members() {
    Set<Member> members = new LinkedHashSet<>(committees.find(EPOCH).orElseThrow().members());
    members.addAll(committees.find(EPOCH + 1).orElseThrow().members());
    return members;
  }

  private void publish(SimScenario.Publish p) {
    if (liar != null && p.node() == liar.index) {
      liar.exchange().orElseThrow().publish(EPOCH, blob(p.size()));
      return;
    }
    SimNode node = honest.get(p.node());
    if (!node.up()) {
      return; // it publishes when it starts again
    }
    Optional<byte[]> last = ledger.lastBlob(node);
    byte[] blob = p.sameBytes() && last.isPresent() ? last.get() : blob(p.size());
    ledger.published(node, node.exchange().publish(EPOCH, blob), blob);
    lastUpheaval = clock.elapsedMillis();
    count("publishes");
  }

  private void crash(SimNode node) {
    node.crash();
    count("crashes");
  }

  private void restart(SimNode node) {
    start(node);
    lastUpheaval = clock.elapsedMillis();
    count("restarts");
    // What its operator meant to publish while it was down, it publishes now.
    for (SimScenario.Publish p : scenario.publishes()) {
      if (p.node() == node.index && p.at() > scenario.crashAt() && p.at() <= scenario.restartAt()) {
        events.after(1, node.index, "publish late " + node.name, () -> publish(p));
      }
    }
  }

  private byte[] blob(int size) {
    byte[] bytes = new byte[size];
    content.nextBytes(bytes);
    return bytes;
  }

  private void checkAfter(int index) {
    SimNode node = honest.get(index);
    if (node != null && node.up()) {
      invariants.check(node, clock.elapsedMillis());
    }
  }

  /** Notes from when on every honest node held every honest member's latest blob. */
  private void probe() {
    List<String> missing = ledger.notYetHeld(true, false);
    if (!missing.isEmpty()) {
      settledAt = -1;
      lastUnsettled = clock.elapsedMillis() + " ms: " + missing.get(0);
    } else if (settledAt < 0) {
      settledAt = clock.elapsedMillis();
    }
  }

  private void count(String what) {
    counts.merge(what, 1, Integer::sum);
  }

  /** Counts what the exchanges report, for the test to show the faults were met. */
  private final class Counting implements MetadataObserver {
    @Override
    public void fetched(FetchOutcome outcome, long bytes) {
      count("fetch " + outcome);
    }

    @Override
    public void refusedFromPeer(String code) {
      count("listed and refused " + code);
    }
  }
}
