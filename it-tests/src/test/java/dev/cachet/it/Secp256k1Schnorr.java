package dev.cachet.it;

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
 * An independent check of FROST(secp256k1, SHA-256) signatures (RFC 9591 §6.5): {@code [z]G == R +
 * [c]PK} with {@code c = H2(R || PK || msg)}, H2 being hash_to_field over expand_message_xmd
 * (SHA-256, RFC 9380 §5.3.1) with DST {@code "FROST-secp256k1-SHA256-v1chal"} and L = 48. Written
 * here from the RFCs with BouncyCastle's point arithmetic only, so the node's FROST code is not
 * checked against itself.
 */
public final class Secp256k1Schnorr {

  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
  private static final BigInteger N = CURVE.getN();
  private static final byte[] DST =
      "FROST-secp256k1-SHA256-v1chal".getBytes(StandardCharsets.US_ASCII);

  private Secp256k1Schnorr() {}

  /** Whether the 65-byte {@code R || z} signature is valid for {@code message} under the key. */
  public static boolean verify(byte[] groupKey, byte[] message, byte[] signature) {
    if (signature.length != 65 || groupKey.length != 33) {
      return false;
    }
    ECPoint pk = CURVE.getCurve().decodePoint(groupKey);
    byte[] rBytes = Arrays.copyOfRange(signature, 0, 33);
    ECPoint r = CURVE.getCurve().decodePoint(rBytes);
    BigInteger z = new BigInteger(1, Arrays.copyOfRange(signature, 33, 65));
    if (z.compareTo(N) >= 0) {
      return false;
    }
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    input.writeBytes(r.getEncoded(true));
    input.writeBytes(pk.getEncoded(true));
    input.writeBytes(message);
    BigInteger c = new BigInteger(1, expandMessageXmd(input.toByteArray(), 48)).mod(N);
    ECPoint left = CURVE.getG().multiply(z).normalize();
    ECPoint right = r.add(pk.multiply(c)).normalize();
    return left.equals(right);
  }

  static byte[] expandMessageXmd(byte[] msg, int length) {
    try {
      MessageDigest h = MessageDigest.getInstance("SHA-256");
      byte[] dstPrime = Arrays.copyOf(DST, DST.length + 1);
      dstPrime[DST.length] = (byte) DST.length;
      int ell = (length + 31) / 32;
      h.update(new byte[64]);
      h.update(msg);
      h.update(new byte[] {(byte) (length >> 8), (byte) length, 0});
      h.update(dstPrime);
      byte[] b0 = h.digest();
      byte[] out = new byte[ell * 32];
      byte[] previous = new byte[32];
      for (int i = 1; i <= ell; i++) {
        byte[] x = new byte[32];
        for (int k = 0; k < 32; k++) {
          x[k] = (byte) (b0[k] ^ (i == 1 ? 0 : previous[k]));
        }
        h.update(x);
        h.update((byte) i);
        h.update(dstPrime);
        previous = h.digest();
        System.arraycopy(previous, 0, out, (i - 1) * 32, 32);
      }
      return Arrays.copyOf(out, length);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
