package dev.cachet.peer.ejb;

import dev.cachet.committee.Committee;
import dev.cachet.committee.CommitteeDirectory;
import dev.cachet.committee.Member;
import dev.cachet.committee.ejb.CommitteesBean;
import dev.cachet.node.IdentityKey;
import dev.cachet.node.ejb.NodeIdentityBean;
import dev.cachet.peer.PeerHealth;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The operator's view of the peers ({@code GET /api/v1/admin/peers}). Stateless and apart from
 * {@link PeersBean}, so that the startup singletons' order stays a plain chain: Payara takes a
 * singleton that injects another singleton it does not depend on for a dependency cycle.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PeerStatusBean {

  @EJB private CommitteesBean committees;
  @EJB private NodeIdentityBean identity;
  @EJB private PeersBean peers;

  /** A member of the current or next committee, and how it has answered this node lately. */
  public record PeerReport(Member member, List<Long> epochs, PeerHealth.PeerState state) {}

  /**
   * Every member of the current and the next committee but this node, in identity key order, with
   * the epochs it is a member of and its health.
   */
  public List<PeerReport> peers() {
    CommitteeDirectory directory = committees.directory();
    long current = directory.currentEpoch();
    Optional<IdentityKey> self = identity.identityKey();
    Map<IdentityKey, Member> members = new TreeMap<>();
    Map<IdentityKey, List<Long>> epochs = new TreeMap<>();
    for (long epoch = current; epoch <= current + 1; epoch++) {
      Optional<Committee> committee = directory.find(epoch);
      if (committee.isEmpty()) {
        continue;
      }
      for (Member m : committee.get().members()) {
        if (self.isPresent() && self.get().equals(m.identityKey())) {
          continue;
        }
        members.putIfAbsent(m.identityKey(), m);
        epochs.computeIfAbsent(m.identityKey(), k -> new ArrayList<>()).add(epoch);
      }
    }
    PeerHealth health = peers.health();
    List<PeerReport> reports = new ArrayList<>();
    for (Map.Entry<IdentityKey, Member> e : members.entrySet()) {
      reports.add(
          new PeerReport(
              e.getValue(), List.copyOf(epochs.get(e.getKey())), health.state(e.getKey())));
    }
    return reports;
  }
}
