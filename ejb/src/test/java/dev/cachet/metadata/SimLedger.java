package dev.cachet.metadata;

import dev.cachet.node.IdentityKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the honest nodes published and how far it got, from which follows what every honest node
 * must end up holding: each honest member's latest announcement, with its blob's exact bytes.
 * "Latest" is the last one a member published, unless it crashed: an announcement that never left
 * the crashed process (no honest node took or listed it) is lost with it, and its latest is then
 * the last one that did, or one published since it started again.
 */
final class SimLedger {

  private record Published(SignedAnnouncement signed, byte[] blob, SimNode.Life life) {}

  private final long epoch;
  private final Map<IdentityKey, SimNode> honest = new HashMap<>();
  private final Map<IdentityKey, List<Published>> published = new HashMap<>();
  private final Set<SignedAnnouncement> escaped = new HashSet<>();

  SimLedger(long epoch, Collection<SimNode> honestNodes) {
    this.epoch = epoch;
    honestNodes.forEach(n -> honest.put(n.key, n));
  }

  void published(SimNode node, SignedAnnouncement signed, byte[] blob) {
    published
        .computeIfAbsent(node.key, k -> new ArrayList<>())
        .add(new Published(signed, blob.clone(), node.life()));
  }

  /** The last blob {@code node} published, if any. */
  Optional<byte[]> lastBlob(SimNode node) {
    List<Published> all = published.getOrDefault(node.key, List.of());
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1).blob().clone());
  }

  /** An announcement reached {@code node}, which took it from a push or had it in a listing. */
  void reached(IdentityKey node, SignedAnnouncement announcement) {
    if (honest.containsKey(node) && !node.equals(announcement.announcement().announcer())) {
      escaped.add(announcement);
    }
  }

  private Optional<Published> expectedLatest(SimNode node) {
    Published latest = null;
    for (Published p : published.getOrDefault(node.key, List.of())) {
      boolean known = !node.restarted() || p.life() == node.life() || escaped.contains(p.signed());
      if (known
          && (latest == null
              || p.signed().announcement().timestampMillis()
                  > latest.signed().announcement().timestampMillis())) {
        latest = p;
      }
    }
    return Optional.ofNullable(latest);
  }

  /** How many honest members published, but nothing that outlived their crash. */
  int lostWithACrash() {
    int lost = 0;
    for (SimNode node : honest.values()) {
      if (published.containsKey(node.key) && expectedLatest(node).isEmpty()) {
        lost++;
      }
    }
    return lost;
  }

  /**
   * Where an honest node does not (yet) hold an honest member's latest announcement and its bytes.
   *
   * @param firstOnly stop at the first one found
   * @param compareBytes compare the bytes held with those published, not only that they are held
   */
  List<String> notYetHeld(boolean firstOnly, boolean compareBytes) {
    List<String> problems = new ArrayList<>();
    List<SimNode> nodes = honest.values().stream().sorted((x, y) -> x.index - y.index).toList();
    for (SimNode holder : nodes) {
      if (!holder.up()) {
        problems.add(holder.name + " is down");
        if (firstOnly) {
          return problems;
        }
        continue;
      }
      Map<IdentityKey, MetadataExchange.Holding> holdings = new HashMap<>();
      for (MetadataExchange.Holding h : holder.exchange().holdings(epoch)) {
        holdings.put(h.announcement().announcement().announcer(), h);
      }
      for (SimNode announcer : nodes) {
        Optional<String> problem =
            problem(
                holder,
                announcer,
                holdings.get(announcer.key),
                expectedLatest(announcer),
                compareBytes);
        if (problem.isPresent()) {
          problems.add(problem.get());
          if (firstOnly) {
            return problems;
          }
        }
      }
    }
    return problems;
  }

  private static Optional<String> problem(
      SimNode holder,
      SimNode announcer,
      MetadataExchange.Holding got,
      Optional<Published> expected,
      boolean compareBytes) {
    if (expected.isEmpty()) {
      return Optional.empty();
    }
    Published want = expected.get();
    String what = holder.name + " holds of " + announcer.name + " ";
    if (got == null) {
      return Optional.of(what + "nothing, not " + want.signed().announcement());
    }
    if (!got.announcement().equals(want.signed())) {
      return Optional.of(
          what
              + got.announcement().announcement()
              + ", not the latest "
              + want.signed().announcement());
    }
    if (!got.held()) {
      return Optional.of(what + "the latest announcement but not its blob");
    }
    if (!compareBytes) {
      return Optional.empty();
    }
    byte[] bytes = holder.blobs.get(want.signed().announcement().blobHash()).orElse(null);
    if (!Arrays.equals(bytes, want.blob())) {
      return Optional.of(what + "other bytes than it published");
    }
    return Optional.empty();
  }
}
