package dev.cachet.keys.ejb;

import dev.cachet.keys.WindowStore;
import dev.cachet.xmss.StoredWindowShape;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Optional;

/** The node's window store: each call is one container transaction. */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class JpaWindowStore implements WindowStore {

  @PersistenceContext(unitName = "cachet")
  private EntityManager em;

  private JpaKeyWindows rows;

  @PostConstruct
  void init() {
    rows = new JpaKeyWindows(em, Clock.systemUTC());
  }

  @Override
  public void keep(StoredWindowShape shape, byte[] window) {
    rows.keep(shape, window);
  }

  @Override
  public Optional<byte[]> fetch(String rootHex) {
    return rows.fetch(rootHex);
  }

  @Override
  public void delete(String rootHex) {
    rows.delete(rootHex);
  }
}
