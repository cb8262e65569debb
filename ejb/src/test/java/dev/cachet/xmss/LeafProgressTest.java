package dev.cachet.xmss;

import static dev.cachet.xmss.TestSeeds.DIRECT;
import static dev.cachet.xmss.TestSeeds.POOL;
import static dev.cachet.xmss.TestSeeds.seeds;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Generation and preparation report the leaves they compute as they go: every report adds leaves,
 * so the running total only grows, and the total reaches exactly the cost the window announced
 * before it started (what a progress bar shows as "of N").
 */
class LeafProgressTest {

  private static final XmssParameters SMALL = new XmssParameters(8, 2); // 16-leaf trees
  private static final XmssParameters WIDER = new XmssParameters(16, 2); // 256-leaf trees
  private static final XmssSecretSeeds SEEDS = seeds(1616);

  /** The running totals a preparation reported, in the order they were reached. */
  private static final class Recorder implements LeafProgress {
    private final AtomicLong done = new AtomicLong();
    private final List<Long> totals = new ArrayList<>();
    private final List<Long> reports = new ArrayList<>();

    @Override
    public synchronized void computed(long leaves) {
      reports.add(leaves);
      totals.add(done.addAndGet(leaves));
    }

    synchronized long done() {
      return done.get();
    }

    synchronized List<Long> totals() {
      return List.copyOf(totals);
    }

    synchronized List<Long> reports() {
      return List.copyOf(reports);
    }
  }

  private static void assertGrowsTo(Recorder recorder, long total) {
    assertThat(recorder.reports()).allSatisfy(leaves -> assertThat(leaves).isPositive());
    assertThat(recorder.totals()).isSorted().hasSizeGreaterThan(2);
    assertThat(recorder.done()).isEqualTo(total);
  }

  @Test
  void aGenerationReportsEveryLeafItWasSaidToCost() {
    for (Executor executor : List.of(DIRECT, POOL)) {
      Recorder recorder = new Recorder();
      XmssKeys.generate(WIDER, SEEDS, 3, RetainedLevels.DEFAULT, executor, recorder);
      assertGrowsTo(recorder, XmssKeys.leavesToGenerate(WIDER, 3, RetainedLevels.DEFAULT));
      // the upper tree's leaves come before the bottom tree is done: the bar moves during the build
      assertThat(recorder.totals()).contains(256L);
    }
  }

  @Test
  void preparingTheNextTreeReportsEveryLeafItWasSaidToCost() {
    PreparedWindow window = XmssKeys.generate(WIDER, SEEDS, 0, POOL).window();
    Recorder recorder = new Recorder();
    PreparedWindow next = window.prepareNext(POOL, recorder);
    assertGrowsTo(recorder, window.leavesToPrepareNext());
    assertThat(next.bottomTrees()).containsExactly(0L, 1L);
  }

  @Test
  void catchingUpAcrossAnUpperTreeReportsThatTreeToo() {
    XmssParameters threeLayers = new XmssParameters(12, 3);
    PreparedWindow window = XmssKeys.generate(threeLayers, SEEDS, 0, POOL).window();
    long slot = 3 * 256 + 40; // a new layer-1 tree as well as the slot's bottom tree
    Recorder recorder = new Recorder();
    window.prepareFor(slot, POOL, recorder);
    assertGrowsTo(recorder, window.leavesToPrepareFor(slot));
  }

  @Test
  void theTotalIsExactWhateverLevelsTheWindowRetains() {
    for (RetainedLevels retained :
        List.of(new RetainedLevels(0, 0), new RetainedLevels(2, 1), new RetainedLevels(20, 20))) {
      Recorder generation = new Recorder();
      PreparedWindow window =
          XmssKeys.generate(SMALL, SEEDS, 0, retained, DIRECT, generation).window();
      assertThat(generation.done())
          .as("%s", retained)
          .isEqualTo(XmssKeys.leavesToGenerate(SMALL, 0, retained));
      Recorder next = new Recorder();
      window.prepareNext(DIRECT, next);
      assertThat(next.done()).as("%s", retained).isEqualTo(window.leavesToPrepareNext());
    }
  }

  @Test
  void aWindowAlreadyCoveringTheSlotReportsNothing() {
    PreparedWindow window = XmssKeys.generate(SMALL, SEEDS, 0, POOL).window();
    Recorder recorder = new Recorder();
    assertThat(window.prepareFor(5, POOL, recorder)).isSameAs(window);
    assertThat(recorder.done()).isZero().isEqualTo(window.leavesToPrepareFor(5));
  }
}
