package dev.cachet.metadata;

import dev.cachet.blob.BlobHash;
import dev.cachet.committee.Member;
import dev.cachet.node.IdentityKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A transport that records the calls made; a test answers the fetches it chooses to. */
final class RecordingTransport implements MetadataTransport {

  record Push(IdentityKey to, SignedAnnouncement announcement) {}

  record Fetch(IdentityKey from, BlobHash hash, long size, Consumer<Optional<byte[]>> done) {}

  final List<Push> pushes = new ArrayList<>();
  final List<Fetch> fetches = new ArrayList<>();
  final List<IdentityKey> listings = new ArrayList<>();

  @Override
  public void push(Member to, SignedAnnouncement announcement, Consumer<Boolean> done) {
    pushes.add(new Push(to.identityKey(), announcement));
  }

  @Override
  public void fetch(Member from, BlobHash hash, long size, Consumer<Optional<byte[]>> done) {
    fetches.add(new Fetch(from.identityKey(), hash, size, done));
  }

  @Override
  public void listing(Member from, long epoch, Consumer<Optional<List<Listed>>> done) {
    listings.add(from.identityKey());
  }

  List<IdentityKey> pushedTo() {
    return pushes.stream().map(Push::to).toList();
  }
}
