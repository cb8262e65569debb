package dev.cachet.frost;

import java.util.Arrays;
import java.util.Objects;

/**
 * Reads one versioned encoding written by {@link EncodingWriter}. Every read is bounds-checked,
 * every element and scalar goes through the suite's deserialization (so the RFC's input validation
 * applies), and {@link #end()} refuses trailing bytes.
 */
final class EncodingReader {

  private final EncodedType type;
  private final byte[] bytes;
  private final Ciphersuite suite;
  private int position;

  private EncodingReader(EncodedType type, byte[] bytes, Ciphersuite suite, int position) {
    this.type = type;
    this.bytes = bytes;
    this.suite = suite;
    this.position = position;
  }

  /** Checks the header and returns a reader positioned after it. */
  static EncodingReader open(EncodedType type, byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length < 3) {
      throw FrostEncodingException.malformed(type.label, "shorter than its header");
    }
    if ((bytes[0] & 0xFF) != type.code) {
      throw FrostEncodingException.malformed(
          type.label, "the bytes hold value type " + (bytes[0] & 0xFF));
    }
    if ((bytes[1] & 0xFF) != EncodingWriter.VERSION) {
      throw FrostEncodingException.unsupportedVersion(type.label, bytes[1] & 0xFF);
    }
    int suiteCode = bytes[2] & 0xFF;
    Ciphersuite suite =
        Ciphersuites.byCode(suiteCode)
            .orElseThrow(() -> FrostEncodingException.unknownSuite(suiteCode));
    return new EncodingReader(type, bytes, suite, 3);
  }

  Ciphersuite suite() {
    return suite;
  }

  int u16() {
    byte[] b = raw(2);
    return ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
  }

  int u32() {
    byte[] b = raw(4);
    int value =
        ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    if (value < 0) {
      throw FrostEncodingException.malformed(type.label, "length over 2^31");
    }
    return value;
  }

  /** A count in [1, max], read as u16. */
  int count(String what, int max) {
    int count = u16();
    if (count < 1 || count > max) {
      throw FrostEncodingException.malformed(
          type.label, what + " count " + count + " is outside [1, " + max + "]");
    }
    return count;
  }

  byte[] raw(int length) {
    if (length > bytes.length - position) {
      throw FrostEncodingException.malformed(type.label, "truncated");
    }
    byte[] out = Arrays.copyOfRange(bytes, position, position + length);
    position += length;
    return out;
  }

  Element element() {
    return Element.decode(suite, raw(suite.elementLength()));
  }

  Scalar scalar() {
    return Scalar.decode(suite, raw(suite.scalarLength()));
  }

  ParticipantId identifier() {
    return ParticipantId.decode(suite, raw(suite.scalarLength()));
  }

  void end() {
    if (position != bytes.length) {
      throw FrostEncodingException.malformed(
          type.label, (bytes.length - position) + " trailing bytes");
    }
  }
}
