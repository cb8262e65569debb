package dev.cachet.state;

import dev.cachet.host.OwnerOnlyFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * The {@code file} provider: the key is 64 hex characters in a file ({@code cachet.state.key-file})
 * that only its owner may access; a file readable by group or others is refused, since the key
 * would already be exposed. Read at every resolution, so replacing the file rotates the key at the
 * next write.
 */
public final class FileKeyProvider implements KeyProvider {

  public static final String NAME = "file";

  /** A key file is 64 hex characters and a newline; anything much larger is not a key file. */
  private static final long MAX_FILE_BYTES = 1024;

  private final Path file;

  public FileKeyProvider(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StateKey resolve() {
    String source = "the key file " + file;
    byte[] bytes = null;
    try {
      if (!OwnerOnlyFile.isOwnerOnly(file)) {
        throw new StateKeyUnavailableException(
            source
                + " is accessible to group or others ("
                + OwnerOnlyFile.permissions(file)
                + "); make it owner-only (chmod 600)");
      }
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new StateKeyUnavailableException(source + " is too large to hold a key");
      }
      bytes = Files.readAllBytes(file);
      CharBuffer chars = StandardCharsets.US_ASCII.decode(ByteBuffer.wrap(bytes));
      char[] text = new char[chars.remaining()];
      chars.get(text);
      Arrays.fill(chars.array(), '\0');
      return HexKey.parse(text, source);
    } catch (NoSuchFileException e) {
      throw new StateKeyUnavailableException(source + " does not exist");
    } catch (IOException e) {
      throw new StateKeyUnavailableException(
          "cannot read " + source + ": " + e.getClass().getSimpleName());
    } finally {
      if (bytes != null) {
        Arrays.fill(bytes, (byte) 0);
      }
    }
  }
}
