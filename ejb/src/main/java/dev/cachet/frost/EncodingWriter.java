package dev.cachet.frost;

import java.io.ByteArrayOutputStream;

/**
 * Writes one versioned encoding: a header of three bytes (value type, format version, ciphersuite
 * code), then big-endian counts and the suite's canonical element and scalar encodings.
 */
final class EncodingWriter {

  /** The only format version this package writes and reads. */
  static final int VERSION = 1;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Ciphersuite suite;

  EncodingWriter(EncodedType type, Ciphersuite suite) {
    this.suite = suite;
    out.write(type.code);
    out.write(VERSION);
    out.write(suite.code());
  }

  EncodingWriter u16(int value) {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException("not an unsigned 16-bit value: " + value);
    }
    out.write(value >>> 8);
    out.write(value);
    return this;
  }

  EncodingWriter u32(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative length: " + value);
    }
    out.write(value >>> 24);
    out.write(value >>> 16);
    out.write(value >>> 8);
    out.write(value);
    return this;
  }

  EncodingWriter raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  EncodingWriter element(Element element) {
    return raw(element.encodingView());
  }

  EncodingWriter scalar(Scalar scalar) {
    return raw(scalar.toBytes());
  }

  EncodingWriter identifier(ParticipantId id) {
    return raw(id.encode(suite));
  }

  byte[] toBytes() {
    return out.toByteArray();
  }
}
