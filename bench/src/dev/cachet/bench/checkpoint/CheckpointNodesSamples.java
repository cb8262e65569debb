package dev.cachet.bench.checkpoint;

import static dev.cachet.bench.checkpoint.CheckpointNodesReport.median;
import static dev.cachet.bench.checkpoint.CheckpointNodesReport.ms;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One phase's slots as the nodes report them after the fact: per slot its proposer and its
 * published checkpoint (blocks and their transactions), per node and slot its job's view (outcome,
 * reason, each executed block's execution time, the time from the proposal's arrival to its
 * attestation). Saved as one tab-separated line per (slot, node), which the report pools.
 */
final class CheckpointNodesSamples {

  /** A slot: its proposer (node number, 0 if unknown) and its published blocks' transactions. */
  record Slot(long slot, boolean measured, int proposer, boolean published, List<Integer> txs) {
    boolean full() {
      return published
          && txs.size() == CheckpointNodesBench.BLOCKS
          && txs.stream().allMatch(n -> n == CheckpointNodesBench.TXS);
    }

    String describe() {
      if (!published) {
        return "not published";
      }
      return txs.size() + " blocks, transactions " + txs.stream().map(String::valueOf)
          .collect(Collectors.joining(","));
    }
  }

  /** One node's job of one slot. */
  record Sample(
      int phase,
      String mode,
      long slot,
      int node,
      boolean validator,
      boolean measured,
      boolean slotFull,
      String outcome,
      String reason,
      Long attestationMicros,
      List<Long> executionMicros) {

    /** A validator's attested job of a slot that had all its blocks, with all of them executed. */
    boolean valid() {
      return validator
          && slotFull
          && "ATTESTED".equals(outcome)
          && attestationMicros != null
          && executionMicros.size() == CheckpointNodesBench.BLOCKS;
    }

    long lastBlockMicros() {
      return executionMicros.get(executionMicros.size() - 1);
    }

    long executionSumMicros() {
      return executionMicros.stream().mapToLong(Long::longValue).sum();
    }

    /**
     * What is not block execution after the proposal's arrival: the attestation time less the last
     * block's execution (pipelined: only it runs after the arrival) or less every block's (on
     * proposal: all of them run after it).
     */
    long restMicros() {
      return attestationMicros
          - ("on-proposal".equals(mode) ? executionSumMicros() : lastBlockMicros());
    }

    String line() {
      return String.join(
          "\t",
          String.valueOf(phase),
          mode,
          String.valueOf(slot),
          String.valueOf(node),
          validator ? "validator" : "proposer",
          measured ? "measured" : "warmup",
          slotFull ? "full" : "short",
          outcome == null ? "-" : outcome,
          reason == null ? "-" : reason,
          attestationMicros == null ? "-" : String.valueOf(attestationMicros),
          executionMicros.isEmpty()
              ? "-"
              : executionMicros.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }

    static Sample parse(String line) {
      String[] f = line.split("\t");
      List<Long> exec = new ArrayList<>();
      if (!f[10].equals("-")) {
        for (String e : f[10].split(",")) {
          exec.add(Long.parseLong(e));
        }
      }
      return new Sample(
          Integer.parseInt(f[0]),
          f[1],
          Long.parseLong(f[2]),
          Integer.parseInt(f[3]),
          f[4].equals("validator"),
          f[5].equals("measured"),
          f[6].equals("full"),
          f[7].equals("-") ? null : f[7],
          f[8].equals("-") ? null : f[8],
          f[9].equals("-") ? null : Long.parseLong(f[9]),
          exec);
    }
  }

  private final List<Slot> slots;
  private final List<Sample> samples;

  private CheckpointNodesSamples(List<Slot> slots, List<Sample> samples) {
    this.slots = slots;
    this.samples = samples;
  }

  /** Reads slots {@code from..last} (measured from {@code first}) from every node. */
  static CheckpointNodesSamples read(
      List<CheckpointNodeClient> nodes, List<String> identities, long from, long first, long last)
      throws Exception {
    List<Slot> slots = new ArrayList<>();
    List<Sample> samples = new ArrayList<>();
    for (long s = from; s <= last; s++) {
      List<String> views = new ArrayList<>();
      for (CheckpointNodeClient node : nodes) {
        views.add(node.read("/api/v1/checkpoint/slots/" + s));
      }
      String proposerKey = CheckpointNodeClient.string(views.get(0), "proposer");
      int proposer = proposerKey == null ? 0 : identities.indexOf(proposerKey) + 1;
      List<Integer> txs = null;
      for (CheckpointNodeClient node : nodes) {
        HttpResponse<String> published = node.get("/api/v1/checkpoints/" + s);
        if (published.statusCode() == 200) {
          txs = new ArrayList<>();
          for (String block : CheckpointNodeClient.strings(published.body(), "blocks")) {
            byte[] bytes = CheckpointNodesBench.HEX.parseHex(block);
            txs.add(ByteBuffer.wrap(bytes, 124 + 32, 4).getInt()); // header, archive, count
          }
          break;
        }
      }
      Slot slot = new Slot(s, s >= first, proposer, txs != null, txs == null ? List.of() : txs);
      slots.add(slot);
      for (CheckpointNodeClient node : nodes) {
        String v = views.get(node.number - 1);
        samples.add(
            new Sample(
                CheckpointNodesBench.PHASE,
                CheckpointNodesBench.MODE,
                s,
                node.number,
                node.number != proposer,
                slot.measured(),
                slot.full(),
                CheckpointNodeClient.string(v, "outcome"),
                CheckpointNodeClient.string(v, "reason"),
                CheckpointNodeClient.number(v, "attestationMicros"),
                CheckpointNodeClient.numbers(v, "executionMicros")));
      }
    }
    return new CheckpointNodesSamples(slots, samples);
  }

  long validMeasured() {
    return samples.stream().filter(x -> x.measured() && x.valid()).count();
  }

  void save(Path file) {
    CheckpointNodesBench.writeLines(file, samples.stream().map(Sample::line).toList());
  }

  static List<Sample> load(Path file) throws IOException {
    return Files.readAllLines(file).stream()
        .filter(l -> !l.isBlank())
        .map(Sample::parse)
        .toList();
  }

  void print(
      PrintStream out,
      CheckpointNodesBench.Snapshot start,
      CheckpointNodesBench.Snapshot end,
      List<CheckpointNodeClient> nodes) {
    List<Slot> measured = slots.stream().filter(Slot::measured).toList();
    List<Slot> full = measured.stream().filter(Slot::full).toList();
    out.printf(
        Locale.ROOT,
        "  measured slots %d..%d: %d of %d had %d blocks of %d transactions and were published%n",
        measured.get(0).slot(),
        measured.get(measured.size() - 1).slot(),
        full.size(),
        measured.size(),
        CheckpointNodesBench.BLOCKS,
        CheckpointNodesBench.TXS);
    for (Slot s : measured) {
      if (!s.full()) {
        out.printf(
            Locale.ROOT,
            "    excluded: slot %d (proposer node %d): %s%n",
            s.slot(),
            s.proposer(),
            s.describe());
      }
    }
    List<Sample> validators = measured(true);
    Map<String, Long> outcomes = new TreeMap<>();
    for (Sample x : validators) {
      outcomes.merge(
          (x.outcome() == null ? "no outcome" : x.outcome())
              + (x.reason() == null ? "" : " (" + x.reason() + ")"),
          1L,
          Long::sum);
    }
    out.printf(
        Locale.ROOT,
        "  validators' jobs of the measured slots: %d, outcomes %s%n",
        validators.size(),
        outcomes);
    for (Sample x : validators) {
      if (!"ATTESTED".equals(x.outcome()) || x.attestationMicros() == null) {
        out.printf(
            Locale.ROOT,
            "    slot %d, node %d: %s %s, %d blocks executed, attestationMicros %s%n",
            x.slot(),
            x.node(),
            x.outcome(),
            x.reason() == null ? "" : x.reason(),
            x.executionMicros().size(),
            x.attestationMicros());
      } else if (x.slotFull() && x.executionMicros().size() != CheckpointNodesBench.BLOCKS) {
        out.printf(
            Locale.ROOT,
            "    slot %d, node %d: attested with %d blocks executed (excluded)%n",
            x.slot(),
            x.node(),
            x.executionMicros().size());
      }
    }
    List<Sample> valid = validators.stream().filter(Sample::valid).toList();
    CheckpointNodesReport.figures(out, "  ", CheckpointNodesBench.MODE, valid);

    List<Sample> warm =
        samples.stream().filter(x -> !x.measured() && x.valid()).toList();
    long warmSlots = slots.stream().filter(s -> !s.measured() && s.full()).count();
    if (!warm.isEmpty()) {
      List<Long> exec = new ArrayList<>();
      List<Long> att = new ArrayList<>();
      for (Sample x : warm) {
        exec.addAll(x.executionMicros());
        att.add(x.attestationMicros());
      }
      out.printf(
          Locale.ROOT,
          "  (warm-up: %d of its slots full; there, proposal -> attestation median %s ms,"
              + " one block median %s ms: the drift the warm-up takes out)%n",
          warmSlots,
          ms(median(att)),
          ms(median(exec)));
    }
    List<Long> own = new ArrayList<>();
    for (Sample x : measured(false)) {
      if (x.slotFull() && x.attestationMicros() != null) {
        own.add(x.attestationMicros());
      }
    }
    if (!own.isEmpty()) {
      out.printf(
          Locale.ROOT,
          "  (the proposer's own job, not in the figures: proposal -> attestation median %s ms,"
              + " n = %d)%n",
          ms(median(own)),
          own.size());
    }

    long nanos = end.nanos() - start.nanos();
    long nodeTicks = 0;
    StringBuilder perNode = new StringBuilder();
    for (int i = 0; i < nodes.size(); i++) {
      long t = end.nodeTicks()[i] - start.nodeTicks()[i];
      nodeTicks += t;
      perNode
          .append(i == 0 ? "" : ", ")
          .append(String.format(Locale.ROOT, "%.2f", CheckpointNodesBench.cores(t, nanos)));
    }
    long harness = end.harnessTicks() - start.harnessTicks();
    long machine = end.machineBusy() - start.machineBusy();
    out.printf(
        Locale.ROOT,
        "  CPU over the measured slots (%.1f s): the nodes %.2f cores (%s), the harness %.2f,"
            + " other processes %.2f; the machine %.0f%% busy%n",
        nanos / 1e9,
        CheckpointNodesBench.cores(nodeTicks, nanos),
        perNode,
        CheckpointNodesBench.cores(harness, nanos),
        CheckpointNodesBench.cores(Math.max(0, machine - nodeTicks - harness), nanos),
        100.0 * machine / Math.max(1, end.machineTotal() - start.machineTotal()));
    StringBuilder signing = new StringBuilder();
    double signSum = 0;
    double signCount = 0;
    for (int i = 0; i < nodes.size(); i++) {
      Map<String, Double> d =
          CheckpointNodesBench.metricDelta(
              start, end, i, "cachet_keys_sign_latency", "role=\"attestation\"");
      double count = d.get("_count");
      signSum += d.get("_sum");
      signCount += count;
      signing
          .append(i == 0 ? "" : ", ")
          .append(
              count == 0
                  ? "none"
                  : String.format(
                      Locale.ROOT,
                      "%.2f ms (%d)",
                      CheckpointNodesReport.timerMillis(d.get("_sum") / count),
                      (long) count));
    }
    out.println(
        "  the key manager's attestation signing (XMSS^MT, durable), mean per signature and node"
            + " over the measured slots (cachet_keys_sign_latency): "
            + signing);
    meta.put("signMillis", signCount == 0 ? "-" : String.format(
        Locale.ROOT, "%.2f", CheckpointNodesReport.timerMillis(signSum / signCount)));
    meta.put("nodeCores", String.format(
        Locale.ROOT, "%.2f", CheckpointNodesBench.cores(nodeTicks, nanos)));
    meta.put("otherCores", String.format(
        Locale.ROOT,
        "%.2f",
        CheckpointNodesBench.cores(Math.max(0, machine - nodeTicks - harness), nanos)));
  }

  /** What the report adds to its table: the key manager's signing, the CPU of the nodes and others. */
  final Map<String, String> meta = new TreeMap<>();

  void saveMeta(Path file) {
    CheckpointNodesBench.writeLines(
        file, meta.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }

  static Map<String, String> loadMeta(Path file) throws IOException {
    Map<String, String> out = new TreeMap<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          out.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
    }
    return out;
  }

  private List<Sample> measured(boolean validators) {
    return samples.stream()
        .filter(x -> x.measured() && x.validator() == validators)
        .toList();
  }
}
