package dev.cachet.metadata;

import dev.cachet.blob.BlobHash;
import dev.cachet.committee.Member;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The peer calls the metadata exchange makes. Each is asynchronous: it returns at once and calls
 * its {@code done} later, on another thread or event, never from inside the call.
 */
public interface MetadataTransport {

  /** Sends {@code announcement} to {@code to}; {@code done} gets whether {@code to} took it. */
  void push(Member to, SignedAnnouncement announcement, Consumer<Boolean> done);

  /**
   * Fetches the blob {@code hash} from {@code from}, reading at most {@code size} bytes; {@code
   * done} gets the bytes, unchecked (the caller checks them), or empty if the peer did not answer
   * with a blob.
   */
  void fetch(Member from, BlobHash hash, long size, Consumer<Optional<byte[]>> done);

  /**
   * Asks {@code from} for every announcement it holds for {@code epoch}; {@code done} gets them,
   * unverified, or empty if the peer did not answer.
   */
  void listing(Member from, long epoch, Consumer<Optional<List<Listed>>> done);

  /** One entry of a peer's listing: a signed announcement, and whether the peer holds its blob. */
  record Listed(SignedAnnouncement announcement, boolean held) {}
}
