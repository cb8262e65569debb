package dev.cachet.bench.checkpoint;

import dev.cachet.bench.checkpoint.CheckpointNodesSamples.Sample;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The figures of one set of samples, and the report pooled over every phase with the goals. */
final class CheckpointNodesReport {

  private CheckpointNodesReport() {}

  static final String PIPELINED = "pipelined";
  static final String ON_PROPOSAL = "on-proposal";

  /** The median (the mean of the two middle values of an even count); -1 if empty. */
  static double median(List<Long> values) {
    if (values.isEmpty()) {
      return -1;
    }
    List<Long> v = new ArrayList<>(values);
    Collections.sort(v);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2.0;
  }

  /** The nearest-rank percentile {@code p} (0..1); -1 if empty. */
  static double percentile(List<Long> values, double p) {
    if (values.isEmpty()) {
      return -1;
    }
    List<Long> v = new ArrayList<>(values);
    Collections.sort(v);
    int rank = (int) Math.ceil(p * v.size());
    return v.get(Math.max(0, Math.min(v.size() - 1, rank - 1)));
  }

  /** Microseconds as milliseconds, two decimals. */
  static String ms(double micros) {
    return micros < 0 ? "-" : String.format(Locale.ROOT, "%.2f", micros / 1000.0);
  }

  /**
   * A timer value from the node's /metrics in milliseconds: Payara's MP Metrics writes nanoseconds
   * under {@code _seconds} names; a value under 1000 is taken as seconds.
   */
  static double timerMillis(double value) {
    return value < 1000 ? value * 1000 : value / 1e6;
  }

  /** The figures of one mode's valid validator samples. */
  record Figures(
      int samples,
      List<Long> attestation,
      List<Long> executions,
      List<Long> lastBlock,
      List<Long> executionSums,
      List<Long> rest) {

    static Figures of(List<Sample> valid) {
      List<Long> att = new ArrayList<>();
      List<Long> exec = new ArrayList<>();
      List<Long> last = new ArrayList<>();
      List<Long> sums = new ArrayList<>();
      List<Long> rest = new ArrayList<>();
      for (Sample x : valid) {
        att.add(x.attestationMicros());
        exec.addAll(x.executionMicros());
        last.add(x.lastBlockMicros());
        sums.add(x.executionSumMicros());
        rest.add(x.restMicros());
      }
      return new Figures(valid.size(), att, exec, last, sums, rest);
    }

    double attestationMedian() {
      return median(attestation);
    }

    double blockMedian() {
      return median(executions);
    }
  }

  /** Prints the figures of {@code valid} (one mode's validator samples). */
  static Figures figures(PrintStream out, String indent, String mode, List<Sample> valid) {
    Figures f = Figures.of(valid);
    if (f.samples() == 0) {
      out.println(indent + "no valid samples (validators' attested jobs of full slots)");
      return f;
    }
    out.printf(
        Locale.ROOT,
        "%sproposal -> attestation (validators, n = %d): median %s ms, p90 %s ms (min %s, max %s)%n",
        indent,
        f.samples(),
        ms(f.attestationMedian()),
        ms(percentile(f.attestation(), 0.9)),
        ms(percentile(f.attestation(), 0)),
        ms(percentile(f.attestation(), 1)));
    out.printf(
        Locale.ROOT,
        "%sone block's execution (every block of those jobs, n = %d): median %s ms, p90 %s ms%n",
        indent,
        f.executions().size(),
        ms(f.blockMedian()),
        ms(percentile(f.executions(), 0.9)));
    out.printf(
        Locale.ROOT,
        "%sbreakdown: the last block's execution median %s ms; all %d blocks' executions median"
            + " %s ms; the rest (proposal -> attestation less %s, per sample) median %s ms, p90 %s"
            + " ms%n",
        indent,
        ms(median(f.lastBlock())),
        CheckpointNodesBench.BLOCKS,
        ms(median(f.executionSums())),
        ON_PROPOSAL.equals(mode) ? "all blocks' executions" : "the last block's execution",
        ms(median(f.rest())),
        ms(percentile(f.rest(), 0.9)));
    return f;
  }

  /** Pools every phase's samples by mode, prints the figures and the goals; 1 if a phase had none. */
  static int report(Path work) throws IOException {
    List<Path> files;
    try (Stream<Path> listed = Files.list(work)) {
      files =
          listed
              .filter(p -> p.getFileName().toString().matches("phase-\\d+\\.tsv"))
              .sorted(
                  (a, b) ->
                      Integer.compare(
                          Integer.parseInt(a.getFileName().toString().replaceAll("\\D", "")),
                          Integer.parseInt(b.getFileName().toString().replaceAll("\\D", ""))))
              .toList();
    }
    Map<Integer, List<Sample>> byPhase = new TreeMap<>();
    Map<Integer, String> modes = new TreeMap<>();
    for (Path file : files) {
      for (Sample x : CheckpointNodesSamples.load(file)) {
        byPhase.computeIfAbsent(x.phase(), k -> new ArrayList<>()).add(x);
        modes.put(x.phase(), x.mode());
      }
    }
    PrintStream out = System.out;
    out.println();
    out.println("Per phase (validators' attested jobs of measured slots with every block full):");
    out.println(
        "| phase | mode | slots full | samples | proposal -> attestation median ms | p90 ms |"
            + " one block median ms | last block median ms | rest median ms |"
            + " attestation signing mean ms | nodes' cores | others' cores |");
    out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    Map<Integer, Figures> perPhase = new TreeMap<>();
    boolean empty = false;
    for (Map.Entry<Integer, List<Sample>> e : byPhase.entrySet()) {
      List<Sample> measured = e.getValue().stream().filter(Sample::measured).toList();
      long slots = measured.stream().map(Sample::slot).distinct().count();
      long full =
          measured.stream().filter(Sample::slotFull).map(Sample::slot).distinct().count();
      Figures f = Figures.of(measured.stream().filter(Sample::valid).toList());
      perPhase.put(e.getKey(), f);
      empty |= f.samples() == 0;
      Map<String, String> meta =
          CheckpointNodesSamples.loadMeta(work.resolve("phase-" + e.getKey() + ".meta"));
      out.printf(
          Locale.ROOT,
          "| %d | %s | %d of %d | %d | %s | %s | %s | %s | %s | %s | %s | %s |%n",
          e.getKey(),
          modes.get(e.getKey()),
          full,
          slots,
          f.samples(),
          ms(f.attestationMedian()),
          ms(percentile(f.attestation(), 0.9)),
          ms(f.blockMedian()),
          ms(median(f.lastBlock())),
          ms(median(f.rest())),
          meta.getOrDefault("signMillis", "-"),
          meta.getOrDefault("nodeCores", "-"),
          meta.getOrDefault("otherCores", "-"));
    }
    Map<String, Figures> pooled = new TreeMap<>();
    for (String mode : List.of(PIPELINED, ON_PROPOSAL)) {
      List<Integer> phases =
          modes.entrySet().stream()
              .filter(m -> m.getValue().equals(mode))
              .map(Map.Entry::getKey)
              .toList();
      out.printf(
          Locale.ROOT,
          "%nPooled, %s (phases %s):%n",
          mode,
          phases.stream().map(String::valueOf).collect(Collectors.joining(", ")));
      List<Sample> valid =
          byPhase.entrySet().stream()
              .filter(e -> phases.contains(e.getKey()))
              .flatMap(e -> e.getValue().stream())
              .filter(x -> x.measured() && x.valid())
              .toList();
      pooled.put(mode, figures(out, "  ", mode, valid));
    }
    Figures p = pooled.get(PIPELINED);
    Figures o = pooled.get(ON_PROPOSAL);
    out.println();
    out.println("Goals (pooled medians, one run, ABBA order):");
    if (p.samples() > 0) {
      double ratio = p.attestationMedian() / p.blockMedian();
      out.printf(
          Locale.ROOT,
          "  pipelined proposal -> attestation within 1.5x one block's execution: %s / %s ms ="
              + " %.2fx: %s (per pipelined phase: %s)%n",
          ms(p.attestationMedian()),
          ms(p.blockMedian()),
          ratio,
          ratio <= 1.5 ? "MET" : "NOT MET",
          perPhase.entrySet().stream()
              .filter(e -> PIPELINED.equals(modes.get(e.getKey())) && e.getValue().samples() > 0)
              .map(
                  e ->
                      String.format(
                          Locale.ROOT,
                          "%d: %.2fx",
                          e.getKey(),
                          e.getValue().attestationMedian() / e.getValue().blockMedian()))
              .collect(Collectors.joining(", ")));
      List<Long> allBlocks = new ArrayList<>(p.executions());
      allBlocks.addAll(o.executions());
      if (o.samples() > 0) {
        out.printf(
            Locale.ROOT,
            "    (against one block's execution over both modes' blocks, median %s ms: %.2fx;"
                + " the on-proposal phases' blocks alone, executed back to back: median %s ms)%n",
            ms(median(allBlocks)),
            p.attestationMedian() / median(allBlocks),
            ms(o.blockMedian()));
      }
    }
    if (p.samples() > 0 && o.samples() > 0) {
      double ratio = o.attestationMedian() / p.attestationMedian();
      out.printf(
          Locale.ROOT,
          "  pipelined at least 4x faster than on-proposal: %s / %s ms = %.2fx: %s (pairs: %s)%n",
          ms(o.attestationMedian()),
          ms(p.attestationMedian()),
          ratio,
          ratio >= 4 ? "MET" : "NOT MET",
          pairs(perPhase, modes));
      out.printf(
          Locale.ROOT,
          "  what the pipelined median is made of (medians of its samples): the last block's"
              + " execution %s ms (the block comes inside the proposal, so it executes after the"
              + " arrival) + the rest %s ms (the proposal's XMSS^MT signature check, the hand-offs"
              + " to executor threads, the job's checks, the attestation's durable XMSS^MT signing"
              + " as far as it does not overlap the execution, handing it to the sender)%n",
          ms(median(p.lastBlock())),
          ms(median(p.rest())));
      out.printf(
          Locale.ROOT,
          "  and the on-proposal median: all %d blocks' executions %s ms + the rest %s ms%n",
          CheckpointNodesBench.BLOCKS,
          ms(median(o.executionSums())),
          ms(median(o.rest())));
    } else {
      out.println("  at least one mode has no valid samples: no goals");
    }
    for (Map.Entry<Integer, Figures> e : perPhase.entrySet()) {
      if (e.getValue().samples() == 0) {
        out.println("FAILED: phase " + e.getKey() + " has no valid measured slots");
      }
    }
    return empty ? 1 : 0;
  }

  /**
   * The on-proposal over pipelined ratio of ABBA's pairs: the first phase of each mode against the
   * first of the other, the last against the last.
   */
  private static String pairs(Map<Integer, Figures> perPhase, Map<Integer, String> modes) {
    List<Integer> p = new ArrayList<>();
    List<Integer> o = new ArrayList<>();
    modes.forEach(
        (phase, mode) -> {
          if (perPhase.get(phase).samples() > 0) {
            (PIPELINED.equals(mode) ? p : o).add(phase);
          }
        });
    if (p.isEmpty() || o.isEmpty()) {
      return "none";
    }
    List<String> out = new ArrayList<>();
    int[][] pairs = {{o.get(0), p.get(0)}, {o.get(o.size() - 1), p.get(p.size() - 1)}};
    for (int i = 0; i < pairs.length; i++) {
      if (i == 1 && pairs[1][0] == pairs[0][0] && pairs[1][1] == pairs[0][1]) {
        break;
      }
      out.add(
          String.format(
              Locale.ROOT,
              "%d vs %d: %.2fx",
              pairs[i][0],
              pairs[i][1],
              perPhase.get(pairs[i][0]).attestationMedian()
                  / perPhase.get(pairs[i][1]).attestationMedian()));
    }
    return String.join(", ", out);
  }
}
