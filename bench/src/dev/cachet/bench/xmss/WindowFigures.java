package dev.cachet.bench.xmss;

import dev.cachet.xmss.PreparedWindow;
import dev.cachet.xmss.SignOutcome;
import dev.cachet.xmss.XmssParameters;
import dev.cachet.xmss.XmssSecretSeeds;
import dev.cachet.xmss.XmssSignature;
import dev.cachet.xmss.XmssVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Sign and verify latencies inside a prepared window, and memory per prepared key. */
final class WindowFigures {

  /** Prints one formatted line of the results table. */
  interface Printer {
    void line(String format, Object... args);
  }

  private final Printer out;

  WindowFigures(Printer out) {
    this.out = out;
  }

  void signing(PreparedWindow window, int signs, int coldSigns) {
    byte[] message = new byte[32];
    Latencies warm = new Latencies(signs);
    Latencies verify = new Latencies(signs);
    List<XmssSignature> signatures = new ArrayList<>();
    long slot = window.fromSlot();
    for (int i = 0; i < signs; i++) {
      message[0] = (byte) i;
      long start = System.nanoTime();
      SignOutcome outcome = window.sign(slot + i, message);
      warm.add(System.nanoTime() - start);
      signatures.add(((SignOutcome.Signed) outcome).signature());
    }
    for (int i = 0; i < signs; i++) {
      message[0] = (byte) i;
      long start = System.nanoTime();
      boolean valid = XmssVerifier.verify(window.publicKey(), message, signatures.get(i));
      verify.add(System.nanoTime() - start);
      if (!valid) {
        throw new IllegalStateException("signature " + i + " does not verify");
      }
    }
    Latencies cold = new Latencies(coldSigns);
    Random random = new Random(42);
    long span = window.toSlot() - window.fromSlot() + 1;
    for (int i = 0; i < coldSigns; i++) {
      long at = window.fromSlot() + Math.floorMod(random.nextLong(), span);
      long start = System.nanoTime();
      window.sign(at, message);
      cold.add(System.nanoTime() - start);
    }
    out.line("");
    out.line("sign, consecutive slots (as a validator signs): %s", warm.summary());
    out.line("sign, random slots in the window (cold block):  %s", cold.summary());
    out.line("verify:                                         %s", verify.summary());
  }

  /**
   * Decodes {@code keys} copies of the window, signs one slot with each (so each remembers a leaf
   * block, as a signing key does) and measures the heap they hold.
   */
  void memory(PreparedWindow window, XmssSecretSeeds seeds, int keys) {
    byte[] encoded = window.encode();
    byte[] message = new byte[32];
    List<PreparedWindow> held = new ArrayList<>();
    long before = usedHeap();
    for (int i = 0; i < keys; i++) {
      PreparedWindow copy = PreparedWindow.decode(encoded, seeds);
      copy.sign(copy.toSlot(), message);
      held.add(copy);
    }
    long after = usedHeap();
    int treeHeight = window.parameters().treeHeight();
    long fullTrees = 2L * ((1L << (treeHeight + 1)) - 1) * XmssParameters.N;
    out.line("");
    out.line(
        "memory per prepared key (2 bottom trees + upper tree), retained levels %s:",
        window.retainedLevels());
    out.line(
        "  held bytes: %,d decoded, %,d after signing one slot; encoded window %,d bytes",
        PreparedWindow.decode(encoded, seeds).retainedBytes(),
        held.get(0).retainedBytes(),
        encoded.length);
    out.line(
        "  measured heap per prepared key: %,d bytes (%d keys held)",
        (after - before) / keys, held.size());
    out.line("  (keeping both bottom trees whole would be %,d bytes)", fullTrees);
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
