package dev.cachet.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachet.blob.BlobHash;
import dev.cachet.committee.Committee;
import dev.cachet.node.NodeIdentity;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The metadata exchange under a deterministic simulation (issue 12 §5): hundreds of seeded runs of
 * 4 to 7 nodes on a lossy, duplicating, reordering network, with crashes and a lying member. A
 * failing seed is printed; replay it alone with {@code -Dcachet.sim.seed=N}, or explore other seeds
 * with {@code -Dcachet.sim.first=N -Dcachet.sim.seeds=M}.
 */
class MetadataSimulationTest {

  private static final int SEEDS = Integer.getInteger("cachet.sim.seeds", 500);
  private static final long FIRST = Long.getLong("cachet.sim.first", 0L);

  private static List<Long> seeds() {
    Long one = Long.getLong("cachet.sim.seed");
    if (one != null) {
      return List.of(one);
    }
    List<Long> seeds = new ArrayList<>();
    for (long s = FIRST; s < FIRST + SEEDS; s++) {
      seeds.add(s);
    }
    return seeds;
  }

  @Test
  void everyHonestNodeEndsWithEveryHonestMembersLatestBlob() {
    List<Long> seeds = seeds();
    List<String> failures = new ArrayList<>();
    Map<String, Integer> counts = new TreeMap<>();
    MetadataSimulation.Outcome slowest = null;
    long started = System.nanoTime();
    long startedCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    for (long seed : seeds) {
      MetadataSimulation.Outcome outcome = MetadataSimulation.run(seed);
      outcome.counts().forEach((k, v) -> counts.merge(k, v, Integer::sum));
      if (!outcome.violations().isEmpty()) {
        failures.add(outcome.report());
        System.out.println("FAILED " + outcome.report());
      } else if (slowest == null || settling(outcome) > settling(slowest)) {
        slowest = outcome;
      }
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    long cpuMillis =
        (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - startedCpu) / 1_000_000;
    System.out.printf(
        "%d seeds in %d ms (%d ms of CPU), %d failed; slowest to settle: seed %s, %d ms after its"
            + " last publish or restart; %s%n",
        seeds.size(),
        millis,
        cpuMillis,
        failures.size(),
        slowest == null ? "-" : slowest.scenario().seed(),
        slowest == null ? -1 : settling(slowest),
        counts);

    assertThat(failures).as("failing seeds").isEmpty();
    if (seeds.size() >= 100) {
      assertThat(counts)
          .as("the runs met every fault they are meant to")
          .containsKeys(
              "messages lost",
              "pushes duplicated",
              "calls to a node that is down",
              "restarts",
              "liar WRONG_BYTES",
              "liar FORGES",
              "liar SILENT",
              "liar MISSIZES",
              "joiners",
              "leavers",
              "large blobs",
              "empty blobs",
              "republished the same bytes",
              "fetch HASH_MISMATCH",
              "pushed and refused INVALID_SIGNATURE",
              "pushed and refused NOT_A_MEMBER",
              "pushed and refused EPOCH_AHEAD",
              "pushed and refused EPOCH_STALE",
              "pushed and refused INVALID_ANNOUNCEMENT",
              "listed and refused INVALID_SIGNATURE");
    }
  }

  private static long settling(MetadataSimulation.Outcome outcome) {
    return outcome.settledAt() - outcome.lastUpheaval();
  }

  @Test
  void theSameSeedRunsTheSameWay() {
    MetadataSimulation.Outcome first =
        MetadataSimulation.run(42, true, MetadataSimulation.Breakage.NONE);
    MetadataSimulation.Outcome second =
        MetadataSimulation.run(42, true, MetadataSimulation.Breakage.NONE);

    assertThat(first.trace()).hasSizeGreaterThan(1_000).isEqualTo(second.trace());
    assertThat(first.fingerprint()).isEqualTo(second.fingerprint());
    assertThat(first.counts()).isEqualTo(second.counts());
    assertThat(MetadataSimulation.run(43).fingerprint()).isNotEqualTo(first.fingerprint());
  }

  @Test
  void theChecksFailWhenAnHonestNodeIsCutOffForTheWholeRun() {
    MetadataSimulation.Outcome outcome =
        MetadataSimulation.run(7, false, MetadataSimulation.Breakage.CUT_OFF_ONE_HONEST_NODE);

    assertThat(outcome.violations()).isNotEmpty().anyMatch(v -> v.contains(" holds of "));
  }

  @Test
  void theBlobHolderFailsTheRunOnBytesStoredUnderAnotherHash() {
    HashCheckingBlobHolder blobs = new HashCheckingBlobHolder();

    assertThatThrownBy(() -> blobs.store(BlobHash.of("right".getBytes()), "wrong".getBytes()))
        .isInstanceOf(AssertionError.class);
    assertThat(blobs.holds(BlobHash.of("right".getBytes()))).isFalse();
  }

  @Test
  void theChecksFailOnAHeldAnnouncementThatIsForgedOrNotAMembersOrOlder() {
    NodeIdentity member = TestNodes.identity(21);
    NodeIdentity outsider = TestNodes.identity(22);
    TestNodes.FixedCommittees committees =
        new TestNodes.FixedCommittees(
            7,
            Map.of(
                7L, Committee.of(7, List.of(TestNodes.member("m", member.publicKey(), 1, 9000)))));
    SimInvariants invariants = new SimInvariants(committees);
    BlobHash hash = BlobHash.of("blob".getBytes());
    SignedAnnouncement genuine = signed(member, hash, 2_000);
    SignedAnnouncement forged =
        new SignedAnnouncement(
            new Announcement(7, member.publicKey(), hash, 4, 3_000), genuine.signature());

    invariants.checkHoldings(
        0, "n0", 7, List.of(holding(genuine)), new HashCheckingBlobHolder(), 1);
    assertThat(invariants.violations()).isEmpty();
    invariants.checkHoldings(0, "n0", 7, List.of(holding(forged)), new HashCheckingBlobHolder(), 2);
    invariants.checkHoldings(
        0,
        "n0",
        7,
        List.of(holding(signed(outsider, hash, 5_000))),
        new HashCheckingBlobHolder(),
        3);
    invariants.checkHoldings(
        0, "n0", 7, List.of(holding(signed(member, hash, 1_000))), new HashCheckingBlobHolder(), 4);
    invariants.checkHoldings(
        0,
        "n0",
        7,
        List.of(new MetadataExchange.Holding(genuine, true)),
        new HashCheckingBlobHolder(),
        5);

    assertThat(invariants.violations())
        .anyMatch(v -> v.contains("does not verify"))
        .anyMatch(v -> v.contains("not a member"))
        .anyMatch(v -> v.contains("older than"))
        .anyMatch(v -> v.contains("no such blob"));
  }

  private static SignedAnnouncement signed(NodeIdentity by, BlobHash hash, long timestamp) {
    return SignedAnnouncement.sign(
        new Announcement(7, by.publicKey(), hash, 4, timestamp), new TestNodes.IdentitySigner(by));
  }

  private static MetadataExchange.Holding holding(SignedAnnouncement announcement) {
    return new MetadataExchange.Holding(announcement, false);
  }
}
