package dev.cachet.state;

import dev.cachet.error.InvalidRequestException;
import java.util.regex.Pattern;

/** Record names: 1 to 200 characters of letters, digits and {@code . _ - : /}. */
public final class RecordNames {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:/-]{1,200}");

  private RecordNames() {}

  /** Returns {@code name} if it is a valid record name. */
  public static String check(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidRequestException(
          "INVALID_RECORD_NAME",
          "a state record name is 1 to 200 characters of letters, digits and . _ - : /");
    }
    return name;
  }
}
