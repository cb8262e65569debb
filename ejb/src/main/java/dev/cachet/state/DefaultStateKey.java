package dev.cachet.state;

import dev.cachet.host.OwnerOnlyFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.logging.Logger;

/**
 * The embedded default: with the {@code file} provider and no {@code cachet.state.key-file}, the
 * key lives in {@code <cachet.data-dir>/state.key}, generated owner-only at first start. That keeps
 * a single node running with no setup; production keeps the key apart from the database ({@code
 * env} or {@code command}), which the log says whenever the default is in use.
 */
public final class DefaultStateKey {

  /** Name of the generated key file in the data directory. */
  public static final String FILE_NAME = "state.key";

  private static final Logger LOG = Logger.getLogger(DefaultStateKey.class.getName());

  private final Path dataDir;
  private final StateKeySettings settings;

  public DefaultStateKey(Path dataDir, StateKeySettings settings) {
    this.dataDir = dataDir;
    this.settings = settings;
  }

  /**
   * The settings with the default key file filled in (and generated if absent) when the {@code
   * file} provider is chosen without a file; otherwise the settings as they are.
   */
  public StateKeySettings prepare(SecureRandom random) {
    if (!settings.provider().equals(FileKeyProvider.NAME) || settings.keyFile().isPresent()) {
      return settings;
    }
    Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
    try {
      if (OwnerOnlyFile.createIfAbsent(file, () -> generate(random))) {
        LOG.warning(
            "state key generated into "
                + file
                + " beside the database; for production keep the key apart (env or command provider)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the default state key file " + file, e);
    }
    return settings.withKeyFile(file.toString());
  }

  private static String generate(SecureRandom random) {
    byte[] key = new byte[StateKey.LENGTH];
    random.nextBytes(key);
    String hex = HexFormat.of().formatHex(key);
    java.util.Arrays.fill(key, (byte) 0);
    return hex;
  }
}
