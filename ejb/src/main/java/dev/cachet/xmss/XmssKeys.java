package dev.cachet.xmss;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Key generation from given seeds. The public root is the root of the top-layer tree, so generating
 * costs one tree per layer on the activation slot's path, computed on the executor's threads; the
 * result is already prepared for the activation slot.
 */
public final class XmssKeys {

  private XmssKeys() {}

  /**
   * {@link #generate(XmssParameters, XmssSecretSeeds, long, RetainedLevels, Executor)} keeping the
   * {@link RetainedLevels#DEFAULT default} levels.
   */
  public static GeneratedKey generate(
      XmssParameters parameters, XmssSecretSeeds seeds, long activationSlot, Executor executor) {
    return generate(parameters, seeds, activationSlot, RetainedLevels.DEFAULT, executor);
  }

  /**
   * Computes the public key of {@code seeds} and a window holding the bottom tree of {@code
   * activationSlot} (call {@link PreparedWindow#prepareNext} to add the next one).
   *
   * @throws XmssKeyExhaustedException if the activation slot is past the key's lifetime
   * @throws IllegalArgumentException for a negative activation slot
   * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
   */
  public static GeneratedKey generate(
      XmssParameters parameters,
      XmssSecretSeeds seeds,
      long activationSlot,
      RetainedLevels retained,
      Executor executor) {
    return generate(parameters, seeds, activationSlot, retained, executor, LeafProgress.NONE);
  }

  /**
   * {@link #generate(XmssParameters, XmssSecretSeeds, long, RetainedLevels, Executor)}, reporting
   * the leaves it computes to {@code progress} (they add up to {@link #leavesToGenerate}).
   */
  public static GeneratedKey generate(
      XmssParameters parameters,
      XmssSecretSeeds seeds,
      long activationSlot,
      RetainedLevels retained,
      Executor executor,
      LeafProgress progress) {
    Objects.requireNonNull(seeds, "seeds");
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(progress, "progress");
    long bottomTree = checkedBottomTree(parameters, activationSlot);
    WindowBuilder builder = new WindowBuilder(parameters, seeds, retained, progress);
    UpperPath path = builder.pathAbove(bottomTree, null, executor);
    byte[] root = path.layer(parameters.layers() - 1).levels().root();
    XmssPublicKey publicKey = XmssPublicKey.of(parameters, root, seeds.publicSeedView());
    BottomTree tree = builder.bottomTree(bottomTree, path, executor);
    PreparedWindow window = new PreparedWindow(publicKey, seeds, retained, List.of(tree), path);
    return new GeneratedKey(publicKey, window);
  }

  /** Leaves {@link #generate} computes (a leaf is 3,347 SHA-256 calls). */
  public static long leavesToGenerate(
      XmssParameters parameters, long activationSlot, RetainedLevels retained) {
    long bottomTree = checkedBottomTree(parameters, activationSlot);
    return new WindowBuilder(parameters, null, retained).leavesToPrepare(bottomTree, null);
  }

  private static long checkedBottomTree(XmssParameters parameters, long activationSlot) {
    if (activationSlot < 0) {
      throw new IllegalArgumentException("activation slot must not be negative: " + activationSlot);
    }
    long bottomTree = parameters.bottomTreeOf(activationSlot);
    if (activationSlot >= parameters.lifetime()) {
      throw new XmssKeyExhaustedException(parameters, bottomTree);
    }
    return bottomTree;
  }
}
