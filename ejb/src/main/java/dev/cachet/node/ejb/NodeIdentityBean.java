package dev.cachet.node.ejb;

import dev.cachet.error.CachetException;
import dev.cachet.node.NodeIdentity;
import dev.cachet.state.ejb.StateVaultBean;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Loads the node's identity from the vault, creating it on first start. If the state key cannot be
 * had at start, the node still starts (readiness says why) and the identity is loaded at first use.
 *
 * <p>Bean-managed concurrency, the one singleton that keeps it: the first use loads the identity (a
 * write of the bean's state) from inside a read, and the container's locks cannot upgrade a READ
 * lock to WRITE (the EJB specification refuses it as a loopback). A double-checked load on a
 * volatile field serves instead; once loaded, every call is a plain read.
 */
@Singleton
@Startup
@DependsOn("StateVaultBean")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NodeIdentityBean {

  private static final Logger LOG = Logger.getLogger(NodeIdentityBean.class.getName());

  @EJB private StateVaultBean vault;

  private volatile NodeIdentity identity;

  @PostConstruct
  void start() {
    try {
      LOG.info(() -> "node identity (Ed25519): " + load().publicKeyHex());
    } catch (RuntimeException e) { // best effort: the node starts, readiness tells why
      LOG.warning("node identity not loaded yet: " + e.getMessage());
    }
  }

  /** The node's public identity key, if the vault could provide it. */
  public Optional<String> publicKey() {
    try {
      return Optional.of(load().publicKeyHex());
    } catch (CachetException e) {
      return Optional.empty();
    }
  }

  private NodeIdentity load() {
    NodeIdentity loaded = identity;
    if (loaded == null) {
      synchronized (this) {
        if (identity == null) {
          vault.update(NodeIdentity.RECORD, NodeIdentity.createIfAbsent(new SecureRandom()));
          byte[] plaintext = vault.read(NodeIdentity.RECORD).orElseThrow();
          try {
            identity = NodeIdentity.decode(plaintext);
          } finally {
            Arrays.fill(plaintext, (byte) 0);
          }
        }
        loaded = identity;
      }
    }
    return loaded;
  }
}
