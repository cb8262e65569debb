package dev.cachet.handoff;

import dev.cachet.node.IdentityKey;
import java.util.List;

/** The announcements of an epoch as the handoff takes them: from the metadata exchange. */
public interface HandoffInputs {

  /** An announcement held: its announcer, blob, signed timestamp, and whether the blob is held. */
  record Input(IdentityKey announcer, Hash32 blobHash, long timestampMillis, boolean blobHeld) {}

  List<Input> announcements(long epoch);
}
