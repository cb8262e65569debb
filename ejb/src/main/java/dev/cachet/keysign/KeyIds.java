package dev.cachet.keysign;

/** Key ids: 1 to 64 characters of letters, digits, {@code . _ -} (so a vault record name too). */
public final class KeyIds {

  public static final int MAX_LENGTH = 64;

  private KeyIds() {}

  /**
   * @throws InvalidKeysignException {@code INVALID_KEY_ID} for anything else
   */
  public static String check(String keyId) {
    if (keyId == null || keyId.isEmpty() || keyId.length() > MAX_LENGTH) {
      throw invalid();
    }
    for (int i = 0; i < keyId.length(); i++) {
      char c = keyId.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-';
      if (!ok) {
        throw invalid();
      }
    }
    return keyId;
  }

  private static InvalidKeysignException invalid() {
    return new InvalidKeysignException(
        "INVALID_KEY_ID", "a key id is 1 to " + MAX_LENGTH + " letters, digits, '.', '_' or '-'");
  }
}
