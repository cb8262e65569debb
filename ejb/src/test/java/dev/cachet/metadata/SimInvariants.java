package dev.cachet.metadata;

import dev.cachet.committee.CommitteeDirectory;
import dev.cachet.node.IdentityKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * What must hold after every step of a run, at every honest node: each announcement it holds is of
 * a member of its epoch's committee or the next, verifies under that member's key (checked here
 * with BouncyCastle directly, not through the code under test), is filed under its own epoch, and
 * is not older than the one the node held before from that announcer; a blob it lists as held is in
 * its store.
 */
final class SimInvariants {

  private static final int MAX_REPORTED = 12;

  private final CommitteeDirectory committees;
  // By identity: the nodes hold the very objects the network carried, so each is verified once.
  private final Map<SignedAnnouncement, Boolean> verified = new IdentityHashMap<>();
  private final Map<Integer, Map<String, Long>> latestSeen = new HashMap<>();
  private final List<String> violations = new ArrayList<>();

  SimInvariants(CommitteeDirectory committees) {
    this.committees = committees;
  }

  /** A node starts a new life: what it held before is gone, so its timestamps start again. */
  void started(int node) {
    latestSeen.remove(node);
  }

  void check(SimNode node, long at) {
    MetadataExchange exchange = node.exchange();
    for (long epoch : exchange.epochs()) {
      checkHoldings(node.index, node.name, epoch, exchange.holdings(epoch), node.blobs, at);
    }
  }

  void checkHoldings(
      int index,
      String name,
      long epoch,
      List<MetadataExchange.Holding> holdings,
      HashCheckingBlobHolder blobs,
      long at) {
    Map<String, Long> latest = latestSeen.computeIfAbsent(index, i -> new HashMap<>());
    for (MetadataExchange.Holding holding : holdings) {
      Announcement a = holding.announcement().announcement();
      if (a.epoch() != epoch) {
        fail(name, at, a, "under epoch " + epoch);
      }
      if (!memberOfEpochOrNext(a.announcer(), a.epoch())) {
        fail(name, at, a, "whose announcer is not a member");
      }
      if (!verified.computeIfAbsent(holding.announcement(), SimInvariants::verifies)) {
        fail(name, at, a, "whose signature does not verify");
      }
      if (holding.held() && !blobs.holds(a.blobHash())) {
        fail(name, at, a, "as held, but its store has no such blob");
      }
      Long before = latest.put(a.epoch() + "/" + a.announcer(), a.timestampMillis());
      if (before != null && before > a.timestampMillis()) {
        fail(name, at, a, "older than the one of " + before + " it held before");
      }
    }
  }

  private void fail(String node, long at, Announcement a, String problem) {
    fail(node + " at " + at + " ms holds " + a + ", " + problem);
  }

  private boolean memberOfEpochOrNext(IdentityKey key, long epoch) {
    return committees.find(epoch).map(c -> c.contains(key)).orElse(false)
        || committees.find(epoch + 1).map(c -> c.contains(key)).orElse(false);
  }

  private static boolean verifies(SignedAnnouncement signed) {
    byte[] signature = signed.signature();
    if (signature.length != 64) {
      return false;
    }
    byte[] frame = signed.announcement().frame();
    Ed25519Signer verifier = new Ed25519Signer();
    try {
      verifier.init(
          false, new Ed25519PublicKeyParameters(signed.announcement().announcer().bytes(), 0));
    } catch (IllegalArgumentException e) { // not a point of the curve
      return false;
    }
    verifier.update(frame, 0, frame.length);
    return verifier.verifySignature(signature);
  }

  void fail(String violation) {
    if (violations.size() < MAX_REPORTED) {
      violations.add(violation);
    }
  }

  List<String> violations() {
    return List.copyOf(violations);
  }
}
