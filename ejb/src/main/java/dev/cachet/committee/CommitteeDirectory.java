package dev.cachet.committee;

import java.util.Optional;

/** What the committee protocols ask of the node's committees. */
public interface CommitteeDirectory {

  Optional<Committee> find(long epoch);

  long currentEpoch();
}
