package dev.cachet.xmss;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An XMSS^MT parameter set of RFC 8391 with SHA-256, n = 32 and w = 16: total height {@code h}
 * split into {@code d} layers of trees of height {@code h/d}. Slot {@code s} signs with leaf {@code
 * s}, so the key's lifetime is {@code 2^h} slots in bottom trees of {@code 2^(h/d)} leaves. Any
 * valid {@code (h, d)} is a set; the eight SHA2-256 sets of RFC 8391 §5.4 also carry their OID.
 */
public record XmssParameters(int totalHeight, int layers) {

  /** Hash output and seed length in bytes (RFC 8391 n). */
  public static final int N = 32;

  /** Number of WOTS+ chains for n = 32, w = 16 (len1 = 64, len2 = 3). */
  public static final int WOTS_LEN = 67;

  /** Largest total height RFC 8391 defines; it also keeps every slot a non-negative long. */
  public static final int MAX_TOTAL_HEIGHT = 60;

  /** Largest tree height per layer: a tree is built in memory, 2^20 leaves at most. */
  public static final int MAX_TREE_HEIGHT = 20;

  /** The production default: lifetime 2^32 slots, bottom trees of 65,536 leaves. */
  public static final XmssParameters PRODUCTION = new XmssParameters(32, 2);

  private static final String NAME_FORMAT = "XMSSMT-SHA2_%d/%d_256";
  private static final Pattern NAME = Pattern.compile("XMSSMT-SHA2_(\\d{1,2})/(\\d{1,2})_256");

  /** RFC 8391 §5.4 SHA2-256 XMSS^MT sets, in OID order (OID = position + 1). */
  private static final List<XmssParameters> RFC_SETS =
      List.of(
          new XmssParameters(20, 2),
          new XmssParameters(20, 4),
          new XmssParameters(40, 2),
          new XmssParameters(40, 4),
          new XmssParameters(40, 8),
          new XmssParameters(60, 3),
          new XmssParameters(60, 6),
          new XmssParameters(60, 12));

  public XmssParameters {
    if (layers < 2) {
      throw XmssParametersException.invalid(totalHeight, layers, "XMSS^MT needs at least 2 layers");
    }
    if (totalHeight < layers || totalHeight > MAX_TOTAL_HEIGHT || totalHeight % layers != 0) {
      throw XmssParametersException.invalid(
          totalHeight, layers, "h must be a multiple of d, at most " + MAX_TOTAL_HEIGHT);
    }
    if (totalHeight / layers > MAX_TREE_HEIGHT) {
      throw XmssParametersException.invalid(
          totalHeight, layers, "a layer's tree is at most " + MAX_TREE_HEIGHT + " high");
    }
  }

  /**
   * The set of that name: any {@code XMSSMT-SHA2_<h>/<d>_256} with valid {@code h, d}, which
   * includes the RFC's sets (e.g. {@code XMSSMT-SHA2_20/2_256}) and our own (e.g. {@code
   * XMSSMT-SHA2_32/2_256}, {@link #PRODUCTION}).
   *
   * @throws XmssParametersException for another name or invalid heights
   */
  public static XmssParameters named(String name) {
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      throw XmssParametersException.unknownName(name);
    }
    return new XmssParameters(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /** The RFC 8391 sets with n = 32 and SHA-256. */
  public static List<XmssParameters> rfcSets() {
    return RFC_SETS;
  }

  /** The RFC 8391 OID of this set, empty for sets the RFC does not list. */
  public OptionalInt rfcOid() {
    int i = RFC_SETS.indexOf(this);
    return i < 0 ? OptionalInt.empty() : OptionalInt.of(i + 1);
  }

  /** The set with that RFC 8391 OID, if it is one of the SHA2-256 XMSS^MT sets. */
  public static Optional<XmssParameters> forRfcOid(int oid) {
    return oid >= 1 && oid <= RFC_SETS.size()
        ? Optional.of(RFC_SETS.get(oid - 1))
        : Optional.empty();
  }

  /** {@code XMSSMT-SHA2_<h>/<d>_256}; the RFC's name when it lists the set. */
  public String name() {
    return String.format(NAME_FORMAT, totalHeight, layers);
  }

  /** Height of each layer's trees (RFC 8391 h/d). */
  public int treeHeight() {
    return totalHeight / layers;
  }

  /** Leaves of one tree, so slots per bottom tree. */
  public int leavesPerTree() {
    return 1 << treeHeight();
  }

  /** Number of slots the key can sign: 2^h. */
  public long lifetime() {
    return 1L << totalHeight;
  }

  /** Number of bottom trees: 2^(h - h/d). */
  public long bottomTreeCount() {
    return 1L << (totalHeight - treeHeight());
  }

  /** The bottom tree that holds {@code slot}'s leaf. */
  public long bottomTreeOf(long slot) {
    return slot >>> treeHeight();
  }

  /** The first slot of bottom tree {@code index}. */
  public long firstSlotOf(long bottomTree) {
    return bottomTree << treeHeight();
  }

  /** Bytes of the leaf index at the head of a signature: ceil(h / 8). */
  public int indexBytes() {
    return (totalHeight + 7) / 8;
  }

  /** Bytes of one layer's part of a signature: WOTS+ signature and authentication path. */
  public int layerSignatureLength() {
    return (WOTS_LEN + treeHeight()) * N;
  }

  /** Bytes of a signature in the RFC 8391 layout. */
  public int signatureLength() {
    return indexBytes() + N + layers * layerSignatureLength();
  }

  @Override
  public String toString() {
    return name();
  }
}
