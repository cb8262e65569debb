package dev.cachet.xmss;

import dev.cachet.tasks.BoundedExecutor;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds one layer tree's retained levels with several threads. The leaves are cut into subtrees
 * (up to {@value #MAX_SUBTREES}, so a slow thread holds up little); workers on the executor and the
 * calling thread take subtrees until none is left, then the caller hashes the subtree roots up to
 * the tree root. The caller works too, so it never waits on a pool that it occupies itself: a
 * preparation started on one of the executor's own threads cannot deadlock.
 */
final class TreeBuild {

  private static final int SPLIT_LEVELS = 6;
  private static final int MAX_SUBTREES = 1 << SPLIT_LEVELS;
  private static final int N = XmssParameters.N;

  private final XmssSecretSeeds seeds;
  private final int layer;
  private final long tree;
  private final TreeLevels levels;
  private final int subtreeHeight;
  private final int subtrees;
  private final AtomicInteger nextSubtree = new AtomicInteger();
  private final CountDownLatch finished;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final LeafProgress progress;
  private volatile boolean abandoned;

  private TreeBuild(
      XmssSecretSeeds seeds, int layer, long tree, int height, int lowest, LeafProgress progress) {
    this.seeds = seeds;
    this.layer = layer;
    this.tree = tree;
    this.progress = progress;
    this.levels = new TreeLevels(height, lowest);
    this.subtreeHeight = Math.max(lowest, height - SPLIT_LEVELS);
    this.subtrees = 1 << (height - subtreeHeight);
    this.finished = new CountDownLatch(subtrees);
  }

  /**
   * Builds tree {@code tree} of {@code layer}, keeping levels from {@code lowest} up, on the
   * calling thread and the executor's threads, reporting each subtree's leaves to {@code progress}
   * as it is done (all {@code 2^height} of them once the tree is built).
   *
   * @throws CancellationException if the calling thread is interrupted (its flag stays set)
   */
  static TreeLevels build(
      XmssSecretSeeds seeds,
      int layer,
      long tree,
      int height,
      int lowest,
      Executor executor,
      LeafProgress progress) {
    TreeBuild build = new TreeBuild(seeds, layer, tree, height, lowest, progress);
    build.run(executor);
    return build.levels;
  }

  private void run(Executor executor) {
    int helpers = Math.min(threadsOf(executor) - 1, subtrees - 1);
    for (int i = 0; i < helpers; i++) {
      try {
        executor.execute(new SubtreeWorker(this));
      } catch (RejectedExecutionException e) {
        break; // the caller and the helpers already running take the rest
      }
    }
    work();
    awaitSubtrees();
    TreeHasher hasher = new TreeHasher(HashFunctions.forSigning(seeds));
    levels.fillAbove(subtreeHeight, hasher, layer, tree);
  }

  /** Takes subtrees until none is left; every subtree taken is counted down, even on failure. */
  void work() {
    TreeHasher hasher = null;
    byte[] root = new byte[N];
    int subtree;
    while ((subtree = nextSubtree.getAndIncrement()) < subtrees) {
      try {
        if (!abandoned) {
          if (hasher == null) {
            hasher = new TreeHasher(HashFunctions.forSigning(seeds));
          }
          hasher.node(layer, tree, subtreeHeight, subtree, levels, root, 0);
          progress.computed(1L << subtreeHeight);
        }
      } catch (RuntimeException | Error e) {
        failure.compareAndSet(null, e);
        abandoned = true;
      } finally {
        finished.countDown();
      }
    }
  }

  private void awaitSubtrees() {
    try {
      finished.await();
    } catch (InterruptedException e) {
      abandoned = true;
      Thread.currentThread().interrupt();
      throw new CancellationException("tree preparation interrupted");
    }
    Throwable failed = failure.get();
    if (failed instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failed instanceof Error error) {
      throw error;
    }
  }

  /**
   * How many threads to use: the executor's size (the calling thread counts as one of them), never
   * more than the machine's cores, since the work is CPU-bound; a cached pool is not asked for a
   * thread per subtree.
   */
  static int threadsOf(Executor executor) {
    int cores = Runtime.getRuntime().availableProcessors();
    if (executor instanceof ForkJoinPool pool) {
      return Math.min(cores, pool.getParallelism());
    }
    if (executor instanceof BoundedExecutor bounded) {
      return Math.min(cores, bounded.threads());
    }
    if (executor instanceof ThreadPoolExecutor pool) {
      return Math.min(cores, Math.max(1, pool.getMaximumPoolSize()));
    }
    return cores;
  }

  /** A worker on the executor: takes subtrees of one tree build until none is left. */
  static final class SubtreeWorker implements Runnable {

    private final TreeBuild build;

    SubtreeWorker(TreeBuild build) {
      this.build = build;
    }

    @Override
    public void run() {
      build.work();
    }
  }
}
