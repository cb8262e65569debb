package dev.cachet.committee.ejb;

import dev.cachet.clock.ejb.ChainClockBean;
import dev.cachet.committee.Committee;
import dev.cachet.committee.CommitteeDirectory;
import dev.cachet.committee.Committees;
import dev.cachet.committee.Epochs;
import dev.cachet.node.IdentityKey;
import dev.cachet.node.IdentityNotLoadedException;
import dev.cachet.node.ejb.NodeIdentityBean;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hosts the node's {@link Committees}: epochs of {@code cachet.chain.slots-per-epoch} slots on the
 * chain's clock (a value below 1 stops the node at start), the committees in the database. {@code
 * Committees} is thread-safe and never replaced after the start, so every method takes the READ
 * lock. It runs outside a transaction: each store call commits, or fails, in its own.
 */
@Singleton
@Startup
@LocalBean
@DependsOn("ChainClockBean")
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CommitteesBean {

  private static final Logger LOG = Logger.getLogger(CommitteesBean.class.getName());

  @Inject
  @ConfigProperty(name = "cachet.chain.slots-per-epoch")
  long slotsPerEpoch;

  @EJB private ChainClockBean chain;
  @EJB private JpaCommitteeStore store;
  @EJB private NodeIdentityBean identity;

  private Committees committees;

  @PostConstruct
  void start() {
    Epochs epochs = new Epochs(chain.slotClock(), slotsPerEpoch);
    committees =
        new Committees(
            new ConcurrentCommitteeInsert(store),
            epochs,
            chain.genesisConfigured(),
            this::selfIfLoaded);
    LOG.info(
        () ->
            "epochs of "
                + epochs.slotsPerEpoch()
                + " slots, now in epoch "
                + epochs.currentEpoch());
  }

  /**
   * This node's identity key. Asked only when the node's genesis is not configured, to tell whether
   * a committee includes this node: not knowing is not "no", so the request waits for the identity.
   */
  private Optional<IdentityKey> selfIfLoaded() {
    Optional<IdentityKey> self = identity.identityKey();
    if (self.isEmpty()) {
      throw new IdentityNotLoadedException(
          "without it (and without cachet.chain.genesis-time) the node cannot tell whether it is"
              + " a member of the committee");
    }
    return self;
  }

  /**
   * Sets the committee of its epoch.
   *
   * @see Committees#set
   */
  public Committees.Outcome set(Committee committee) {
    return committees.set(committee);
  }

  /**
   * @see Committees#get
   */
  public Committee get(long epoch) {
    return committees.get(epoch);
  }

  /**
   * @see Committees#current
   */
  public Committee current() {
    return committees.current();
  }

  public Epochs epochs() {
    return committees.epochs();
  }

  /**
   * The committees as the protocols read them (the service itself, which locks nothing and reads
   * the store only for an epoch not yet known).
   */
  public CommitteeDirectory directory() {
    return committees;
  }
}
