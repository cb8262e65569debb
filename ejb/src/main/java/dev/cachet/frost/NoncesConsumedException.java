package dev.cachet.frost;

import dev.cachet.error.GoneException;

/**
 * A round-one state asked for signature shares a second time (gone for good). Its nonces were
 * consumed by the first attempt; signing again with them would reveal the key share.
 */
public final class NoncesConsumedException extends GoneException {

  NoncesConsumedException(ParticipantId id) {
    super(
        "FROST_NONCES_CONSUMED",
        "the round-one nonces of participant "
            + id.value()
            + " were already used; start a new session");
  }
}
