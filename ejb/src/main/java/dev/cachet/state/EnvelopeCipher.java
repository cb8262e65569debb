package dev.cachet.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals a record's plaintext into an {@link Envelope} and opens it again. The additional
 * authenticated data binds the schema, algorithm, provider, key id, record name and generation,
 * each length-prefixed, so an envelope cannot be moved to another record, relabelled or replayed at
 * another generation without failing authentication. The nonce is the GCM IV (random, 96 bits) and
 * is authenticated by GCM itself.
 */
public final class EnvelopeCipher {

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final byte[] DOMAIN = "cachet-state-envelope".getBytes(StandardCharsets.US_ASCII);

  /** Largest plaintext a record may hold. */
  public static final int MAX_PLAINTEXT = Envelope.MAX_CIPHERTEXT - Envelope.TAG_LENGTH;

  private final SecureRandom random;

  /** A Cipher per thread: looking one up costs more than sealing a small record. */
  private static final ThreadLocal<Cipher> CIPHERS =
      ThreadLocal.withInitial(EnvelopeCipher::newCipher);

  /**
   * After each use the thread's Cipher is re-keyed with this all-zero key (in decrypt mode, which
   * allows any nonce), so the state key's schedule does not outlive the write in a pooled thread.
   */
  private static final javax.crypto.spec.SecretKeySpec SCRUB_KEY =
      new javax.crypto.spec.SecretKeySpec(new byte[StateKey.LENGTH], "AES");

  private static final byte[] SCRUB_NONCE = new byte[Envelope.NONCE_LENGTH];

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance(TRANSFORMATION);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is unavailable", e);
    }
  }

  public EnvelopeCipher(SecureRandom random) {
    this.random = random;
  }

  /** Encrypts {@code plaintext} as generation {@code generation} of record {@code record}. */
  public Envelope seal(
      String record, long generation, byte[] plaintext, StateKey key, String provider) {
    if (plaintext.length > MAX_PLAINTEXT) {
      throw new StateTooLargeException(plaintext.length, MAX_PLAINTEXT);
    }
    byte[] nonce = new byte[Envelope.NONCE_LENGTH];
    random.nextBytes(nonce);
    byte[] aad =
        aad(Envelope.SCHEMA_VERSION, Envelope.ALGORITHM, provider, key.id(), record, generation);
    try {
      Cipher cipher = CIPHERS.get();
      cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), gcm(nonce));
      cipher.updateAAD(aad);
      byte[] ciphertext;
      try {
        ciphertext = cipher.doFinal(plaintext);
      } finally {
        scrub(cipher);
      }
      return new Envelope(
          Envelope.SCHEMA_VERSION,
          Envelope.ALGORITHM,
          provider,
          key.id(),
          generation,
          nonce,
          ciphertext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is unavailable", e);
    }
  }

  /**
   * Decrypts generation {@code envelope.generation()} of record {@code record}.
   *
   * @throws StateKeyMismatchException if {@code key} is not the envelope's key
   * @throws StateEnvelopeException if authentication fails
   */
  public byte[] open(String record, Envelope envelope, StateKey key) {
    if (!envelope.keyId().equals(key.id())) {
      throw new StateKeyMismatchException(record, envelope.keyId(), key.id());
    }
    byte[] aad =
        aad(
            envelope.schemaVersion(),
            envelope.algorithm(),
            envelope.provider(),
            envelope.keyId(),
            record,
            envelope.generation());
    try {
      Cipher cipher = CIPHERS.get();
      cipher.init(Cipher.DECRYPT_MODE, key.secretKey(), gcm(envelope.nonceView()));
      cipher.updateAAD(aad);
      try {
        return cipher.doFinal(envelope.ciphertextView());
      } finally {
        scrub(cipher);
      }
    } catch (AEADBadTagException e) {
      throw StateEnvelopeException.authenticationFailed(record, envelope.generation());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is unavailable", e);
    }
  }

  /** Replaces the key schedule the Cipher holds with that of a key of zeros. */
  private static void scrub(Cipher cipher) throws GeneralSecurityException {
    cipher.init(Cipher.DECRYPT_MODE, SCRUB_KEY, gcm(SCRUB_NONCE));
  }

  private static GCMParameterSpec gcm(byte[] nonce) {
    return new GCMParameterSpec(Envelope.TAG_LENGTH * Byte.SIZE, nonce);
  }

  static byte[] aad(
      int schema, String algorithm, String provider, String keyId, String record, long generation) {
    byte[][] fields = {
      DOMAIN,
      {(byte) schema},
      algorithm.getBytes(StandardCharsets.UTF_8),
      provider.getBytes(StandardCharsets.UTF_8),
      keyId.getBytes(StandardCharsets.UTF_8),
      record.getBytes(StandardCharsets.UTF_8),
      ByteBuffer.allocate(Long.BYTES).putLong(generation).array()
    };
    int length = 0;
    for (byte[] field : fields) {
      length += Integer.BYTES + field.length;
    }
    ByteBuffer out = ByteBuffer.allocate(length);
    for (byte[] field : fields) {
      out.putInt(field.length).put(field);
    }
    return out.array();
  }
}
