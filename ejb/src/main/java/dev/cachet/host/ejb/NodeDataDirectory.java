package dev.cachet.host.ejb;

import dev.cachet.host.DataDirectory;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The one reader of {@code cachet.data-dir}: readies the directory owner-only ({@link
 * DataDirectory}) before anything writes in it, and hands its path to the beans that keep files
 * there and to the embedded database's URL. The persistence unit may open the database while the
 * application deploys, before any bean starts, so the directory is readied by whichever comes
 * first, the database or this bean, once per application; every bean that uses the directory
 * depends on this one.
 */
@Singleton
@Startup
@Lock(LockType.READ)
public class NodeDataDirectory {

  static final String DATA_DIR = "cachet.data-dir";

  private static final Logger LOG = Logger.getLogger(NodeDataDirectory.class.getName());

  /** One per application: this class is loaded by the application's class loader. */
  private static DataDirectory readied;

  @PostConstruct
  void start() {
    LOG.info(() -> "data directory: " + path() + " (owner only)");
  }

  /** The data directory, absolute. */
  public Path path() {
    return readied().path();
  }

  /** Takes group and others' permissions from storage files created since the start. */
  public void tightenStorageFiles() {
    try {
      readied().tightenStorageFiles();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot tighten the files in " + path(), e);
    }
  }

  /** The configured directory, readied at the first call. */
  public static synchronized DataDirectory readied() {
    if (readied == null) {
      Path configured =
          Path.of(
              ConfigProvider.getConfig(NodeDataDirectory.class.getClassLoader())
                  .getValue(DATA_DIR, String.class));
      try {
        readied = DataDirectory.open(configured);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot ready the data directory " + configured + " (" + DATA_DIR + ")", e);
      }
    }
    return readied;
  }
}
