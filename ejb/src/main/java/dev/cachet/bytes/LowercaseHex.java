package dev.cachet.bytes;

import java.util.HexFormat;

/**
 * The one reading of hex that every Cachet contract uses: lowercase digits only ({@code 0-9a-f}),
 * two per byte, nothing else (no prefix, no uppercase, no whitespace), so that each byte string has
 * exactly one text form and a signed text cannot be varied.
 */
public final class LowercaseHex {

  private static final HexFormat HEX = HexFormat.of();

  private LowercaseHex() {}

  /**
   * Parses exactly {@code length} bytes.
   *
   * @return the bytes, or null if {@code text} is anything else (null, uppercase, another length)
   */
  public static byte[] exactly(String text, int length) {
    return text == null || text.length() != 2 * length ? null : digits(text);
  }

  /**
   * Parses 1 to {@code maxLength} bytes.
   *
   * @return the bytes, or null if {@code text} is anything else (null, empty, odd, uppercase, too
   *     long)
   */
  public static byte[] upTo(String text, int maxLength) {
    return text == null || text.isEmpty() || text.length() % 2 != 0 || text.length() / 2 > maxLength
        ? null
        : digits(text);
  }

  private static byte[] digits(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return null;
      }
    }
    return HEX.parseHex(text);
  }
}
