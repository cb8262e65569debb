package dev.cachet.bench.frost;

import dev.cachet.frost.BatchCommitments;
import dev.cachet.frost.Ciphersuite;
import dev.cachet.frost.Ciphersuites;
import dev.cachet.frost.Coordinator;
import dev.cachet.frost.DealtKeys;
import dev.cachet.frost.GroupPublicKey;
import dev.cachet.frost.Message;
import dev.cachet.frost.ParticipantId;
import dev.cachet.frost.RoundOneState;
import dev.cachet.frost.Signature;
import dev.cachet.frost.SignatureShares;
import dev.cachet.frost.SignatureVerifier;
import dev.cachet.frost.Signer;
import dev.cachet.frost.SigningPackage;
import dev.cachet.frost.TrustedDealer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * FROST(secp256k1, SHA-256) figures for bench/frost.sh: per-operation costs, one batched session of
 * 100 messages against 100 sessions of one, and the aggregation throughput of one node on one and
 * two threads. Not a test; run by hand (bench/README.md).
 */
public final class FrostBench {

  private static final Ciphersuite SUITE = Ciphersuites.SECP256K1_SHA256;
  private static final int[][] CONFIGURATIONS = {{2, 3}, {3, 5}, {7, 10}};
  private static final int BATCH = 100;

  private final int rounds = intEnv("BENCH_ROUNDS", 9);
  private final int perRound = intEnv("BENCH_OPS", 20);
  private final int sessionRuns = intEnv("BENCH_SESSION_RUNS", 3);
  private final int throughputSessions = intEnv("BENCH_THROUGHPUT_SESSIONS", 4);
  private final SecureRandom random = new SecureRandom();
  private final StringBuilder perOperation = new StringBuilder();
  private final StringBuilder sessions = new StringBuilder();
  private final StringBuilder throughput = new StringBuilder();

  public static void main(String[] args) throws Exception {
    new FrostBench().run();
  }

  private void run() throws Exception {
    System.err.println("[frost] warming up");
    for (int[] c : CONFIGURATIONS) {
      DealtKeys keys = TrustedDealer.deal(SUITE, c[0], c[1], random);
      for (int i = 0; i < 3; i++) {
        runSession(keys, c[0], messages(BATCH));
      }
      for (int i = 0; i < 50; i++) {
        runSession(keys, c[0], messages(1));
      }
    }
    for (int[] c : CONFIGURATIONS) {
      measure(c[0], c[1]);
    }
    print();
  }

  private void measure(int t, int n) throws Exception {
    System.err.printf("[frost] measuring %d of %d%n", t, n);
    DealtKeys keys = TrustedDealer.deal(SUITE, t, n, random);
    Coordinator coordinator = new Coordinator(keys.group());
    int ops = rounds * perRound;

    Signer first = new Signer(keys.keyPackage(new ParticipantId(1)), random);
    Stopwatch.Timing commit = Stopwatch.time(rounds, perRound, i -> first.commit(1));

    List<PreparedSession> committed = new ArrayList<>(ops);
    List<SigningPackage> received = new ArrayList<>(ops);
    for (int i = 0; i < ops; i++) {
      PreparedSession s = PreparedSession.committed(keys, t, messages(1), random);
      committed.add(s);
      received.add(SigningPackage.decode(s.signingPackage));
    }
    Stopwatch.Timing share =
        Stopwatch.time(rounds, perRound, i -> committed.get(i).states.get(0).sign(received.get(i)));

    List<PreparedSession.AggregationInput> inputs = new ArrayList<>(ops);
    List<Message> signed = new ArrayList<>(ops);
    for (int i = 0; i < ops; i++) {
      PreparedSession s = PreparedSession.signed(keys, t, messages(1), random);
      inputs.add(s.aggregationInput());
      signed.add(s.messages.get(0));
    }
    Signature[] signatures = new Signature[ops];
    Stopwatch.Timing aggregate =
        Stopwatch.time(
            rounds,
            perRound,
            i ->
                signatures[i] =
                    coordinator
                        .aggregate(inputs.get(i).signingPackage(), inputs.get(i).shares())
                        .get(0));

    GroupPublicKey key = GroupPublicKey.decode(keys.groupPublicKey().encode());
    List<Signature> toVerify =
        Arrays.stream(signatures).map(s -> Signature.decode(s.encode())).toList();
    Stopwatch.Timing verify =
        Stopwatch.time(
            rounds,
            perRound,
            i -> {
              if (!SignatureVerifier.verify(key, signed.get(i), toVerify.get(i))) {
                throw new IllegalStateException("a signature did not verify");
              }
            });

    perOperation.append(
        String.format(
            Locale.ROOT,
            "| %-7s | %s | %s | %s | %s |%n",
            label(t, n),
            cell(commit),
            cell(share),
            cell(aggregate),
            cell(verify)));

    measureSessions(keys, t, n);
    measureThroughput(keys, coordinator, t, n);
  }

  private void measureSessions(DealtKeys keys, int t, int n) {
    double[] batched = new double[sessionRuns];
    double[] separate = new double[sessionRuns];
    for (int r = 0; r < sessionRuns; r++) {
      List<Message> messages = messages(BATCH);
      long cpu0 = Stopwatch.cpuNanos();
      List<Signature> one = runSession(keys, t, messages);
      batched[r] = (Stopwatch.cpuNanos() - cpu0) / 1e6;
      long cpu1 = Stopwatch.cpuNanos();
      for (Message m : messages) {
        runSession(keys, t, List.of(m));
      }
      separate[r] = (Stopwatch.cpuNanos() - cpu1) / 1e6;
      check(keys.groupPublicKey(), messages, one);
    }
    double b = Stopwatch.median(batched);
    double s = Stopwatch.median(separate);
    sessions.append(
        String.format(
            Locale.ROOT,
            "| %-7s | %19s | %21s | %18.2f |%n",
            label(t, n),
            String.format(Locale.ROOT, "%.1f ms", b),
            String.format(Locale.ROOT, "%.1f ms", s),
            s / b));
  }

  private void measureThroughput(DealtKeys keys, Coordinator coordinator, int t, int n)
      throws Exception {
    Throughput one = throughput(keys, coordinator, t, 1);
    Throughput two = throughput(keys, coordinator, t, 2);
    throughput.append(
        String.format(
            Locale.ROOT,
            "| %-7s | %8.0f | %9.0f | %8.2f | %22.0f |%n",
            label(t, n),
            one.wallPerSecond(),
            two.wallPerSecond(),
            two.wallPerSecond() / one.wallPerSecond(),
            two.cpuCapacity()));
  }

  /**
   * Signatures per second aggregated by {@code threads} workers, by the wall clock, and the rate
   * their CPU time implies for {@code threads} cores of their own.
   */
  record Throughput(double wallPerSecond, double cpuCapacity) {}

  private Throughput throughput(DealtKeys keys, Coordinator coordinator, int t, int threads)
      throws Exception {
    List<List<PreparedSession.AggregationInput>> work = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      List<PreparedSession.AggregationInput> mine = new ArrayList<>();
      for (int s = 0; s < throughputSessions; s++) {
        mine.add(PreparedSession.signed(keys, t, messages(BATCH), random).aggregationInput());
      }
      work.add(mine);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<AggregationTask.Result>> done = new ArrayList<>();
      for (List<PreparedSession.AggregationInput> mine : work) {
        done.add(pool.submit(new AggregationTask(coordinator, mine, start)));
      }
      long wall0 = System.nanoTime();
      start.countDown();
      int signatures = 0;
      double cpuCapacity = 0;
      for (Future<AggregationTask.Result> f : done) {
        AggregationTask.Result result = f.get();
        signatures += result.signatures();
        cpuCapacity += result.signatures() / (result.cpuNanos() / 1e9);
      }
      return new Throughput(signatures / ((System.nanoTime() - wall0) / 1e9), cpuCapacity);
    } finally {
      pool.shutdown();
    }
  }

  /** Every party's work for one session, in one thread, with each message sent as bytes. */
  private List<Signature> runSession(DealtKeys keys, int t, List<Message> messages) {
    Coordinator coordinator = new Coordinator(keys.group());
    List<RoundOneState> states = new ArrayList<>(t);
    List<BatchCommitments> received = new ArrayList<>(t);
    for (int id = 1; id <= t; id++) {
      RoundOneState state =
          new Signer(keys.keyPackage(new ParticipantId(id)), random).commit(messages.size());
      states.add(state);
      received.add(BatchCommitments.decode(state.commitments().encode()));
    }
    byte[] signingPackage = coordinator.signingPackage(messages, received).encode();
    List<SignatureShares> shares = new ArrayList<>(t);
    for (RoundOneState state : states) {
      byte[] sent = state.sign(SigningPackage.decode(signingPackage)).encode();
      shares.add(SignatureShares.decode(sent));
    }
    return coordinator.aggregate(SigningPackage.decode(signingPackage), shares);
  }

  private static void check(GroupPublicKey key, List<Message> messages, List<Signature> sigs) {
    for (int k = 0; k < messages.size(); k++) {
      if (!key.verify(messages.get(k), sigs.get(k))) {
        throw new IllegalStateException("a signature did not verify");
      }
    }
  }

  private List<Message> messages(int count) {
    List<Message> out = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      byte[] digest = new byte[32];
      random.nextBytes(digest);
      out.add(Message.of(digest));
    }
    return out;
  }

  private static String cell(Stopwatch.Timing timing) {
    return String.format(Locale.ROOT, "%8.1f µs (%7.1f)", timing.cpuMicros(), timing.wallMicros());
  }

  private static String label(int t, int n) {
    return t + " of " + n;
  }

  private void print() {
    System.out.printf(
        "%s; %d rounds x %d operations per figure (median of the rounds)%n%n",
        SUITE.name(), rounds, perRound);
    System.out.println(
        "Per operation, thread CPU time (wall time in brackets); one message per session:");
    System.out.println(
        "| t of n  | round one: commitment | round two: share      "
            + "| aggregate, all shares | verify signature      |");
    System.out.println(
        "|---------|----------------------:|----------------------:"
            + "|----------------------:|----------------------:|");
    System.out.print(perOperation);
    System.out.println();
    System.out.printf(
        "Signing %d messages, CPU time of every party's work in one thread (t commitments,"
            + " the package, t shares, aggregation; wire encodings included), median of %d runs:%n",
        BATCH, sessionRuns);
    System.out.println(
        "| t of n  | one batched session | " + BATCH + " separate sessions | separate / batched |");
    System.out.println(
        "|---------|--------------------:|----------------------:|-------------------:|");
    System.out.print(sessions);
    System.out.println();
    System.out.printf(
        "Aggregation throughput of one node (batched sessions of %d messages, every share"
            + " verified), signatures/s; %d sessions per thread; wall clock, and what the two"
            + " workers' CPU time implies for 2 cores of their own:%n",
        BATCH, throughputSessions);
    System.out.println("| t of n  | 1 thread | 2 threads | speed-up | 2 cores, from CPU time |");
    System.out.println("|---------|---------:|----------:|---------:|-----------------------:|");
    System.out.print(throughput);
  }

  private static int intEnv(String name, int fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
  }
}
