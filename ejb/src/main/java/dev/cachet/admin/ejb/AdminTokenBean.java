package dev.cachet.admin.ejb;

import dev.cachet.admin.AdminToken;
import dev.cachet.admin.AdminTokenFile;
import dev.cachet.host.ejb.NodeDataDirectory;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Holds the admin bearer token: {@code cachet.admin.token} if configured, otherwise the token
 * generated at first start into {@code <cachet.data-dir>/admin.token}. Logs where the token comes
 * from, never the token.
 */
@Singleton
@Startup
@DependsOn("NodeDataDirectory")
@Lock(LockType.READ)
public class AdminTokenBean {

  static final String TOKEN_FILE_NAME = "admin.token";

  private static final Logger LOG = Logger.getLogger(AdminTokenBean.class.getName());

  @Inject
  @ConfigProperty(name = "cachet.admin.token")
  Optional<String> configuredToken;

  @EJB private NodeDataDirectory dataDirectory;

  private AdminToken token;

  @PostConstruct
  void start() {
    Optional<String> configured = configuredToken.map(String::strip).filter(s -> !s.isEmpty());
    if (configured.isPresent()) {
      token = AdminToken.of(configured.get());
      LOG.info("admin token: configured by cachet.admin.token");
      return;
    }
    AdminTokenFile file = new AdminTokenFile(dataDirectory.path().resolve(TOKEN_FILE_NAME));
    AdminTokenFile.Loaded loaded = file.loadOrCreate(new SecureRandom());
    token = loaded.token();
    LOG.info(
        () ->
            (loaded.created() ? "admin token: generated into " : "admin token: read from ")
                + file.path()
                + " (owner-only)");
  }

  /** Whether {@code presented} is the admin token (constant time). */
  public boolean accepts(String presented) {
    return token.matches(presented);
  }
}
