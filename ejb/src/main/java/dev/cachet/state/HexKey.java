package dev.cachet.state;

import java.util.Arrays;

/**
 * Parses a state key written as 64 hexadecimal characters (surrounding whitespace, such as the
 * newline a file or a command ends with, is ignored). A malformed key is reported by its length and
 * source only: the text itself never reaches a message, since it may be most of a key.
 */
final class HexKey {

  /** Hex characters of a key. */
  static final int HEX_LENGTH = StateKey.LENGTH * 2;

  private HexKey() {}

  /**
   * @param text the characters read; overwritten here when it is a char array
   * @param source where they came from, for the error message (never the key)
   * @throws StateKeyUnavailableException if the text is not 64 hex characters
   */
  static StateKey parse(char[] text, String source) {
    int start = 0;
    int end = text.length;
    while (start < end && Character.isWhitespace(text[start])) {
      start++;
    }
    while (end > start && Character.isWhitespace(text[end - 1])) {
      end--;
    }
    byte[] key = new byte[StateKey.LENGTH];
    try {
      if (end - start != HEX_LENGTH) {
        throw malformed(source, "it has " + (end - start) + " characters");
      }
      for (int i = 0; i < StateKey.LENGTH; i++) {
        int high = Character.digit(text[start + 2 * i], 16);
        int low = Character.digit(text[start + 2 * i + 1], 16);
        if (high < 0 || low < 0) {
          throw malformed(source, "it holds a character that is not hexadecimal");
        }
        key[i] = (byte) ((high << 4) | low);
      }
      return StateKey.of(key);
    } finally {
      Arrays.fill(key, (byte) 0);
      Arrays.fill(text, '\0');
    }
  }

  private static StateKeyUnavailableException malformed(String source, String why) {
    return new StateKeyUnavailableException(
        source + " does not hold a state key of " + HEX_LENGTH + " hex characters: " + why);
  }
}
