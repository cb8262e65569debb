package dev.cachet.bench.handoff;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * The certificates the nodes serve for an epoch must certify one statement: the same epoch, items
 * and next key set hash on every node (each node may hold another quorum of signatures), the items
 * the published blobs' hashes (BLAKE2b-256, keyed by each publisher's identity key), the total
 * stake the committee's and the signed stake above two thirds of it. The signatures themselves are
 * not verified here (part 1 times that check; HandoffIT makes it independently).
 */
final class ServedCertificates {

  /** One item object of a certificate's {@code items} (its fields in whatever order). */
  private static final Pattern ITEM = Pattern.compile("\\{[^}]*\\}");

  private static final HexFormat HEX = HexFormat.of();

  private ServedCertificates() {}

  /**
   * Checks the certificates {@code seen} against the blobs {@code published}; says what it checked.
   *
   * @throws IllegalStateException if they do not certify one statement of those blobs
   */
  static String agree(
      long e, List<CertificatePoller.Seen> seen, Map<String, String> published, int nodes) {
    String reference = seen.get(0).certificate();
    String items = NodeClient.array(reference, "items");
    String next = NodeClient.string(reference, "nextCommitteeKeySetHash");
    for (CertificatePoller.Seen s : seen) {
      String body = s.certificate();
      long signed = NodeClient.number(body, "signedStake");
      long total = NodeClient.number(body, "totalStake");
      boolean same =
          NodeClient.number(body, "epoch") == e
              && NodeClient.array(body, "items").equals(items)
              && NodeClient.string(body, "nextCommitteeKeySetHash").equals(next)
              && total == nodes
              && 3 * signed > 2 * total;
      if (!same) {
        throw new IllegalStateException(
            "node "
                + s.node()
                + " serves another certificate of epoch "
                + e
                + ": "
                + body
                + " (node "
                + seen.get(0).node()
                + ": "
                + reference
                + ")");
      }
    }
    Map<String, String> listed = new HashMap<>();
    Matcher m = ITEM.matcher(items);
    while (m.find()) {
      listed.put(NodeClient.string(m.group(), "key"), NodeClient.string(m.group(), "digest"));
    }
    if (!listed.equals(published)) {
      throw new IllegalStateException(
          "the certificate of epoch "
              + e
              + " lists "
              + listed
              + ", the nodes published "
              + published);
    }
    return String.format(
        Locale.ROOT,
        "all %d certify the same statement: %d items (the published blobs' hashes), signed stake"
            + " %d of %d (> 2/3)",
        seen.size(),
        listed.size(),
        NodeClient.number(reference, "signedStake"),
        NodeClient.number(reference, "totalStake"));
  }

  static String blake2b256(byte[] content) {
    Blake2bDigest digest = new Blake2bDigest(256);
    digest.update(content, 0, content.length);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return HEX.formatHex(out);
  }
}
