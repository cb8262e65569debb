package dev.cachet.keysign;

import dev.cachet.frost.GroupPublicKey;
import dev.cachet.frost.Signature;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;

/**
 * FROST(secp256k1, SHA-256) signature verification written from RFC 9591 and RFC 9380 alone, with
 * nothing of the FROST core but its encodings: {@code [z]G == R + [c]PK}, {@code c = H2(R || PK ||
 * msg)}, H2 being hash_to_field over the group order with expand_message_xmd(SHA-256), DST {@code
 * "FROST-secp256k1-SHA256-v1chal"}, L = 48. Points are SEC1 compressed, scalars 32 bytes
 * big-endian.
 */
final class IndependentSchnorr {

  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
  private static final BigInteger ORDER = CURVE.getN();
  private static final byte[] DST =
      "FROST-secp256k1-SHA256-v1chal".getBytes(StandardCharsets.US_ASCII);

  private IndependentSchnorr() {}

  static boolean verify(GroupPublicKey key, TxDigest digest, Signature signature) {
    return verify(key.serialize(), digest.bytes(), signature.serialize());
  }

  /** {@code publicKey}: 33 bytes; {@code signature}: R (33 bytes) || z (32 bytes). */
  static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (signature.length != 65 || publicKey.length != 33) {
      return false;
    }
    byte[] rBytes = Arrays.copyOfRange(signature, 0, 33);
    BigInteger z = new BigInteger(1, Arrays.copyOfRange(signature, 33, 65));
    if (z.compareTo(ORDER) >= 0) {
      return false;
    }
    ECPoint r;
    ECPoint pk;
    try {
      r = CURVE.getCurve().decodePoint(rBytes);
      pk = CURVE.getCurve().decodePoint(publicKey);
    } catch (IllegalArgumentException e) {
      return false;
    }
    byte[] input = concat(rBytes, publicKey, message);
    BigInteger c = new BigInteger(1, expandMessageXmd(input, DST, 48)).mod(ORDER);
    ECPoint lhs = CURVE.getG().multiply(z).normalize();
    ECPoint rhs = r.add(pk.multiply(c)).normalize();
    return !lhs.isInfinity() && lhs.equals(rhs);
  }

  /** RFC 9380 §5.3.1 with SHA-256 (b_in_bytes 32, s_in_bytes 64). */
  static byte[] expandMessageXmd(byte[] msg, byte[] dst, int lenInBytes) {
    int ell = (lenInBytes + 31) / 32;
    byte[] dstPrime = concat(dst, new byte[] {(byte) dst.length});
    byte[] msgPrime =
        concat(
            new byte[64],
            msg,
            new byte[] {(byte) (lenInBytes >> 8), (byte) lenInBytes, 0},
            dstPrime);
    byte[] b0 = sha256(msgPrime);
    byte[] previous = sha256(concat(b0, new byte[] {1}, dstPrime));
    ByteArrayOutputStream uniform = new ByteArrayOutputStream();
    uniform.writeBytes(previous);
    for (int i = 2; i <= ell; i++) {
      byte[] x = new byte[32];
      for (int k = 0; k < 32; k++) {
        x[k] = (byte) (b0[k] ^ previous[k]);
      }
      previous = sha256(concat(x, new byte[] {(byte) i}, dstPrime));
      uniform.writeBytes(previous);
    }
    return Arrays.copyOf(uniform.toByteArray(), lenInBytes);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
