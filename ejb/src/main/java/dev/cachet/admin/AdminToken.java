package dev.cachet.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The admin bearer token. Presented tokens are compared in constant time: both sides are reduced to
 * their SHA-256 digests (so the comparison never depends on where they first differ nor on their
 * lengths) and compared with {@link MessageDigest#isEqual}. {@link #toString()} never reveals the
 * token.
 */
public final class AdminToken {

  /** Random bytes in a generated token. */
  static final int GENERATED_BYTES = 32;

  /** Shortest token an operator may configure. */
  public static final int MIN_LENGTH = 16;

  private final byte[] digest;

  private AdminToken(String token) {
    this.digest = sha256(token);
  }

  /**
   * A configured token.
   *
   * @throws IllegalArgumentException if it is shorter than {@value #MIN_LENGTH} characters or
   *     contains whitespace
   */
  public static AdminToken of(String token) {
    Objects.requireNonNull(token, "token");
    if (token.length() < MIN_LENGTH || token.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "the admin token must be at least " + MIN_LENGTH + " characters without whitespace");
    }
    return new AdminToken(token);
  }

  /** A fresh random token as 64 hex characters. */
  public static String generate(SecureRandom random) {
    byte[] bytes = new byte[GENERATED_BYTES];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Whether {@code presented} is this token, in time independent of where they differ. */
  public boolean matches(String presented) {
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(digest, sha256(presented));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  @Override
  public String toString() {
    return "AdminToken[redacted]";
  }
}
