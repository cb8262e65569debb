package dev.cachet.xmss;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A prepared window's bytes at rest. Everything in it is public (tree nodes and signatures), so it
 * may be stored unencrypted; the secret seeds are supplied separately to decode it.
 *
 * <pre>
 *   u8  version (1)
 *   u8  h, u8 d, u8 retained bottom level, u8 retained upper level
 *   32  public root, 32 public seed
 *   u8  number of bottom trees (1 or 2), then for each, oldest first:
 *       u64 index, retained nodes level by level (lowest first), upper signature
 *   for each upper layer 1..d-1: u64 tree index, retained nodes level by level
 * </pre>
 *
 * Decoding checks the layout first, then that every retained level hashes up to the next, that
 * every bottom tree's root with its upper signature and the top tree's root lead to the public
 * root, and finally that the seeds reproduce one block of the newest bottom tree.
 */
final class WindowCodec {

  static final int VERSION = 1;

  private static final int N = XmssParameters.N;
  private static final int HEADER = 5 + 2 * N + 1;

  private WindowCodec() {}

  static byte[] encode(PreparedWindow window) {
    XmssParameters parameters = window.parameters();
    RetainedLevels retained = window.retainedLevels();
    List<BottomTree> trees = window.treesView();
    ByteBuffer out = ByteBuffer.allocate(encodedLength(parameters, retained, trees.size()));
    out.put((byte) VERSION)
        .put((byte) parameters.totalHeight())
        .put((byte) parameters.layers())
        .put((byte) retained.bottom())
        .put((byte) retained.upper())
        .put(window.publicKey().rootView())
        .put(window.publicKey().publicSeedView())
        .put((byte) trees.size());
    for (BottomTree tree : trees) {
      out.putLong(tree.index());
      tree.levels().writeTo(out);
      out.put(tree.upperSignatureView());
    }
    for (LayerTree tree : window.path().trees()) {
      out.putLong(tree.index());
      tree.levels().writeTo(out);
    }
    return out.array();
  }

  static int encodedLength(XmssParameters parameters, RetainedLevels retained, int trees) {
    int height = parameters.treeHeight();
    int bottom =
        Long.BYTES
            + TreeLevels.byteSize(height, retained.bottomFor(parameters))
            + (parameters.layers() - 1) * parameters.layerSignatureLength();
    int upper = Long.BYTES + TreeLevels.byteSize(height, retained.upperFor(parameters));
    return HEADER + trees * bottom + (parameters.layers() - 1) * upper;
  }

  static PreparedWindow decode(byte[] bytes, XmssSecretSeeds seeds) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      int version = Byte.toUnsignedInt(in.get());
      if (version != VERSION) {
        throw XmssEncodingException.unknownVersion("prepared window", version);
      }
      XmssParameters parameters =
          new XmssParameters(Byte.toUnsignedInt(in.get()), Byte.toUnsignedInt(in.get()));
      RetainedLevels retained = retainedLevels(in);
      byte[] root = new byte[N];
      byte[] publicSeed = new byte[N];
      in.get(root).get(publicSeed);
      int count = Byte.toUnsignedInt(in.get());
      if (count < 1 || count > 2) {
        throw new XmssEncodingException(
            "a prepared window holds 1 or 2 bottom trees, not " + count);
      }
      int expected = encodedLength(parameters, retained, count);
      if (bytes.length != expected) {
        throw XmssEncodingException.wrongLength("prepared window", expected, bytes.length);
      }
      if (!MessageDigest.isEqual(publicSeed, seeds.publicSeedView())) {
        throw new XmssWindowMismatchException("the prepared window has another public seed");
      }
      List<BottomTree> trees = readBottomTrees(in, parameters, retained, count);
      UpperPath path = readPath(in, parameters, retained);
      XmssPublicKey publicKey = XmssPublicKey.of(parameters, root, publicSeed);
      PreparedWindow window = new PreparedWindow(publicKey, seeds, retained, trees, path);
      WindowCheck.check(window, seeds);
      return window;
    } catch (BufferUnderflowException e) {
      throw new XmssEncodingException("prepared window truncated");
    } catch (IllegalArgumentException e) {
      throw new XmssEncodingException("malformed prepared window: " + e.getMessage());
    }
  }

  /**
   * The shape of {@code bytes} if they have exactly the layout of an encoded window (version,
   * parameters, tree count, length, consecutive tree indices in range); nothing is hashed.
   */
  static Optional<StoredWindowShape> shape(byte[] bytes) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      if (Byte.toUnsignedInt(in.get()) != VERSION) {
        return Optional.empty();
      }
      XmssParameters parameters =
          new XmssParameters(Byte.toUnsignedInt(in.get()), Byte.toUnsignedInt(in.get()));
      RetainedLevels retained = retainedLevels(in);
      byte[] root = new byte[N];
      in.get(root).position(in.position() + N);
      int count = Byte.toUnsignedInt(in.get());
      if (count < 1 || count > 2 || bytes.length != encodedLength(parameters, retained, count)) {
        return Optional.empty();
      }
      List<BottomTree> trees = readBottomTrees(in, parameters, retained, count);
      return Optional.of(
          new StoredWindowShape(
              HexFormat.of().formatHex(root), trees.get(trees.size() - 1).index()));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static RetainedLevels retainedLevels(ByteBuffer in) {
    return new RetainedLevels(Byte.toUnsignedInt(in.get()), Byte.toUnsignedInt(in.get()));
  }

  private static List<BottomTree> readBottomTrees(
      ByteBuffer in, XmssParameters parameters, RetainedLevels retained, int count) {
    List<BottomTree> trees = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long index = in.getLong();
      if (index < 0 || index >= parameters.bottomTreeCount()) {
        throw new XmssEncodingException("bottom tree index " + index + " out of range");
      }
      if (i > 0 && index != trees.get(i - 1).index() + 1) {
        throw new XmssEncodingException("a window's bottom trees must be consecutive");
      }
      TreeLevels levels =
          TreeLevels.readFrom(in, parameters.treeHeight(), retained.bottomFor(parameters));
      byte[] upper = new byte[(parameters.layers() - 1) * parameters.layerSignatureLength()];
      in.get(upper);
      trees.add(new BottomTree(index, levels, upper));
    }
    return trees;
  }

  private static UpperPath readPath(
      ByteBuffer in, XmssParameters parameters, RetainedLevels retained) {
    List<LayerTree> trees = new ArrayList<>();
    for (int layer = 1; layer < parameters.layers(); layer++) {
      long index = in.getLong();
      TreeLevels levels =
          TreeLevels.readFrom(in, parameters.treeHeight(), retained.upperFor(parameters));
      trees.add(new LayerTree(layer, index, levels));
    }
    return new UpperPath(trees);
  }
}
