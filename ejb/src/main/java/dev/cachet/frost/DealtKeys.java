package dev.cachet.frost;

import java.util.List;
import java.util.Objects;

/**
 * A trusted dealer's output: the group info (public, the same for everybody) and one key package
 * per participant, in identifier order (the package of participant i at index i - 1).
 */
public record DealtKeys(GroupInfo group, List<KeyPackage> keyPackages) {

  public DealtKeys {
    Objects.requireNonNull(group, "group");
    keyPackages = List.copyOf(keyPackages);
    if (keyPackages.size() != group.maxSigners()) {
      throw new InvalidParametersException("one key package per participant");
    }
    for (int i = 0; i < keyPackages.size(); i++) {
      KeyPackage key = keyPackages.get(i);
      if (key.id().value() != i + 1 || !key.group().equals(group)) {
        throw new InvalidParametersException("key packages must follow the group's participants");
      }
    }
  }

  public GroupPublicKey groupPublicKey() {
    return group.groupPublicKey();
  }

  public KeyPackage keyPackage(ParticipantId id) {
    id.requireIn(group.maxSigners());
    return keyPackages.get(id.value() - 1);
  }
}
