package dev.cachet.blob;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Immutable blob content together with its hash. The bytes are copied on the way in and only ever
 * handed out as a copy or written to a stream, so a cached blob can be served to many readers at
 * once without copying it per request.
 */
public final class Blob {

  private final BlobHash hash;
  private final byte[] content;

  private Blob(BlobHash hash, byte[] content) {
    this.hash = hash;
    this.content = content;
  }

  /** A blob of a copy of {@code content}, hashed here. */
  public static Blob of(byte[] content) {
    byte[] copy = content.clone();
    return new Blob(BlobHash.of(copy), copy);
  }

  /**
   * A blob of a copy of {@code content}, which the caller has just hashed to {@code hash} itself
   * (so 16 MiB are not hashed twice in a row). Only for {@link BlobStore#putHashed}.
   */
  static Blob hashedBy(BlobHash hash, byte[] content) {
    return new Blob(Objects.requireNonNull(hash, "hash"), content.clone());
  }

  /**
   * A blob read back from storage under {@code hash}. The content is re-hashed so that storage can
   * never make the node serve bytes under another blob's id (DESIGN.md §4.4).
   *
   * @throws IllegalStateException if the stored bytes do not hash to {@code hash}
   */
  public static Blob stored(BlobHash hash, byte[] content) {
    Blob blob = of(content);
    if (!blob.hash.equals(Objects.requireNonNull(hash, "hash"))) {
      throw new IllegalStateException("stored content of blob " + hash + " hashes to " + blob.hash);
    }
    return blob;
  }

  public BlobHash hash() {
    return hash;
  }

  public int size() {
    return content.length;
  }

  /** A copy of the content. */
  public byte[] bytes() {
    return content.clone();
  }

  /** Writes the content to {@code out} without copying it. */
  public void writeTo(OutputStream out) throws IOException {
    out.write(content);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Blob other && hash.equals(other.hash);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "Blob[" + hash + ", " + content.length + " bytes]";
  }
}
