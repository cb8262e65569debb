package dev.cachet.state;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The envelope's bytes at rest, versioned:
 *
 * <pre>
 *   u8  schema version (1)
 *   u8  algorithm length, algorithm (UTF-8)
 *   u8  provider length, provider (UTF-8)
 *   u8  key id length, key id (UTF-8)
 *   u64 generation
 *   u8  nonce length (12), nonce
 *   u32 ciphertext length, ciphertext with tag
 * </pre>
 *
 * Decoding checks the total size first and every length against what remains before reading
 * anything it names; the schema and the algorithm are checked before the rest is parsed.
 */
public final class EnvelopeCodec {

  /** Largest encoded envelope: the largest ciphertext plus the largest header. */
  public static final int MAX_ENCODED = Envelope.MAX_CIPHERTEXT + 4 * (1 + Envelope.MAX_LABEL) + 32;

  private EnvelopeCodec() {}

  /** The length of {@link #encode}'s output, without encoding. */
  public static int encodedLength(Envelope e) {
    return 1
        + 1
        + utf8Length(e.algorithm())
        + 1
        + utf8Length(e.provider())
        + 1
        + utf8Length(e.keyId())
        + Long.BYTES
        + 1
        + Envelope.NONCE_LENGTH
        + Integer.BYTES
        + e.ciphertextLength();
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  public static byte[] encode(Envelope e) {
    byte[] algorithm = e.algorithm().getBytes(StandardCharsets.UTF_8);
    byte[] provider = e.provider().getBytes(StandardCharsets.UTF_8);
    byte[] keyId = e.keyId().getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(encodedLength(e));
    out.put((byte) e.schemaVersion());
    putShort(out, algorithm);
    putShort(out, provider);
    putShort(out, keyId);
    out.putLong(e.generation());
    out.put((byte) Envelope.NONCE_LENGTH).put(e.nonceView());
    out.putInt(e.ciphertextLength()).put(e.ciphertextView());
    return out.array();
  }

  private static void putShort(ByteBuffer out, byte[] field) {
    out.put((byte) field.length).put(field);
  }

  /**
   * Decodes stored bytes.
   *
   * @throws StateTooLargeException if the input is larger than any envelope can be
   * @throws StateEnvelopeException for an unknown schema or algorithm, or malformed bytes
   */
  public static Envelope decode(byte[] bytes) {
    if (bytes.length > MAX_ENCODED) {
      throw new StateTooLargeException(bytes.length, MAX_ENCODED);
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      int schema = Byte.toUnsignedInt(in.get());
      if (schema != Envelope.SCHEMA_VERSION) {
        throw StateEnvelopeException.unknownSchema(schema);
      }
      String algorithm = shortString(in);
      if (!Envelope.ALGORITHM.equals(algorithm)) {
        throw StateEnvelopeException.unknownAlgorithm(algorithm);
      }
      String provider = shortString(in);
      String keyId = shortString(in);
      long generation = in.getLong();
      byte[] nonce = field(in, Byte.toUnsignedInt(in.get()), Envelope.NONCE_LENGTH, "nonce");
      int ciphertextLength = in.getInt();
      if (ciphertextLength < 0 || ciphertextLength > Envelope.MAX_CIPHERTEXT) {
        throw new StateTooLargeException(
            Integer.toUnsignedLong(ciphertextLength), Envelope.MAX_CIPHERTEXT);
      }
      byte[] ciphertext = field(in, ciphertextLength, Envelope.MAX_CIPHERTEXT, "ciphertext");
      if (in.hasRemaining()) {
        throw StateEnvelopeException.malformed(in.remaining() + " trailing bytes");
      }
      return new Envelope(schema, algorithm, provider, keyId, generation, nonce, ciphertext);
    } catch (BufferUnderflowException e) {
      throw StateEnvelopeException.malformed("truncated");
    } catch (IllegalArgumentException e) {
      throw StateEnvelopeException.malformed(e.getMessage());
    }
  }

  private static String shortString(ByteBuffer in) {
    int length = Byte.toUnsignedInt(in.get());
    return new String(field(in, length, Envelope.MAX_LABEL, "label"), StandardCharsets.UTF_8);
  }

  private static byte[] field(ByteBuffer in, int length, int max, String what) {
    if (length > max || length > in.remaining()) {
      throw StateEnvelopeException.malformed(what + " length " + length + " out of range");
    }
    byte[] out = new byte[length];
    in.get(out);
    return out;
  }
}
