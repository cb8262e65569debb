package dev.cachet.state;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One record's state at rest: who encrypted it (provider, key id), for which generation, under
 * which nonce, and the AES-256-GCM ciphertext with its tag. An instance is always well-formed;
 * whether it is authentic is only known when it is opened with its key ({@link EnvelopeCipher}).
 */
public final class Envelope {

  /** The only schema this node writes and reads. */
  public static final int SCHEMA_VERSION = 1;

  /** The only algorithm this node writes and reads. */
  public static final String ALGORITHM = "AES-256-GCM";

  /** GCM nonce length in bytes. */
  public static final int NONCE_LENGTH = 12;

  /** GCM tag length in bytes. */
  public static final int TAG_LENGTH = 16;

  /** Largest ciphertext (with tag) an envelope may carry. */
  public static final int MAX_CIPHERTEXT = 16 * 1024 * 1024;

  /** Longest provider name or key id, in bytes. */
  static final int MAX_LABEL = 128;

  private final int schemaVersion;
  private final String algorithm;
  private final String provider;
  private final String keyId;
  private final long generation;
  private final byte[] nonce;
  private final byte[] ciphertext;

  public Envelope(
      int schemaVersion,
      String algorithm,
      String provider,
      String keyId,
      long generation,
      byte[] nonce,
      byte[] ciphertext) {
    this.schemaVersion = schemaVersion;
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    this.provider = label(provider, "provider");
    this.keyId = label(keyId, "keyId");
    if (generation < 1) {
      throw new IllegalArgumentException("generation starts at 1, was " + generation);
    }
    this.generation = generation;
    if (Objects.requireNonNull(nonce, "nonce").length != NONCE_LENGTH) {
      throw new IllegalArgumentException("nonce must be " + NONCE_LENGTH + " bytes");
    }
    Objects.requireNonNull(ciphertext, "ciphertext");
    if (ciphertext.length < TAG_LENGTH || ciphertext.length > MAX_CIPHERTEXT) {
      throw new IllegalArgumentException("ciphertext size out of range: " + ciphertext.length);
    }
    this.nonce = nonce.clone();
    this.ciphertext = ciphertext.clone();
  }

  private static String label(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isEmpty() || value.length() > MAX_LABEL) {
      throw new IllegalArgumentException(what + " must be 1 to " + MAX_LABEL + " characters");
    }
    return value;
  }

  public int schemaVersion() {
    return schemaVersion;
  }

  public String algorithm() {
    return algorithm;
  }

  public String provider() {
    return provider;
  }

  public String keyId() {
    return keyId;
  }

  public long generation() {
    return generation;
  }

  public byte[] nonce() {
    return nonce.clone();
  }

  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  /** Ciphertext length without copying it. */
  public int ciphertextLength() {
    return ciphertext.length;
  }

  byte[] nonceView() {
    return nonce;
  }

  byte[] ciphertextView() {
    return ciphertext;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Envelope e
        && schemaVersion == e.schemaVersion
        && generation == e.generation
        && algorithm.equals(e.algorithm)
        && provider.equals(e.provider)
        && keyId.equals(e.keyId)
        && Arrays.equals(nonce, e.nonce)
        && Arrays.equals(ciphertext, e.ciphertext);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyId, generation, Arrays.hashCode(nonce));
  }

  @Override
  public String toString() {
    return "Envelope[v"
        + schemaVersion
        + ", "
        + algorithm
        + ", "
        + provider
        + ", "
        + keyId
        + ", generation "
        + generation
        + ", nonce "
        + HexFormat.of().formatHex(nonce)
        + ", "
        + ciphertext.length
        + " bytes]";
  }
}
