package dev.cachet.committee;

import dev.cachet.node.IdentityKey;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A member of a committee: a node, named by its identity key.
 *
 * @param name the operator's label, for people only
 * @param identityKey the node's Ed25519 identity key; a member's messages are verified against it
 * @param stake its weight in every quorum, positive
 * @param url its peer base URL, {@code http://host:port}
 * @param duty its checkpoint duty, if its node runs a validator for checkpoints (issue 15)
 */
public record Member(
    String name, IdentityKey identityKey, long stake, URI url, Optional<CheckpointDuty> duty) {

  public Member {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(identityKey, "identityKey");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(duty, "duty");
  }

  /** A member without checkpoint duty. */
  public Member(String name, IdentityKey identityKey, long stake, URI url) {
    this(name, identityKey, stake, url, Optional.empty());
  }
}
