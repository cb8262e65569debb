package dev.cachet.state;

import dev.cachet.error.InvalidRequestException;

/** Record names: 1 to 200 characters of letters, digits and {@code . _ - : /}. */
public final class RecordNames {

  private static final int MAX_LENGTH = 200;

  private RecordNames() {}

  /** Returns {@code name} if it is a valid record name. */
  public static String check(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_LENGTH || !allowed(name)) {
      throw new InvalidRequestException(
          "INVALID_RECORD_NAME",
          "a state record name is 1 to 200 characters of letters, digits and . _ - : /");
    }
    return name;
  }

  /** Every character is one of {@code [A-Za-z0-9._:/-]} (checked on every write: no regex). */
  private static boolean allowed(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == ':'
              || c == '/'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
