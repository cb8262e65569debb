package dev.cachet.keys;

import dev.cachet.error.InvalidRequestException;
import java.util.Locale;

/** What a validator key signs: attestations, or block proposals. */
public enum KeyRole {
  ATTESTATION,
  PROPOSAL;

  /** The role named {@code text}, in any case ({@code attestation}, {@code PROPOSAL}). */
  public static KeyRole parse(String text) {
    if (text != null) {
      for (KeyRole role : values()) {
        if (role.name().equalsIgnoreCase(text.strip())) {
          return role;
        }
      }
    }
    throw new InvalidRequestException(
        "INVALID_ROLE", "the key role is ATTESTATION or PROPOSAL, not '" + text + "'");
  }

  /** The role as record names and paths write it. */
  public String pathName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
