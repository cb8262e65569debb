package dev.cachet.bench.handoff;

import dev.cachet.handoff.CertificateCheck;
import dev.cachet.handoff.HandoffCertificate;
import dev.cachet.node.IdentityKey;
import dev.cachet.node.NodeIdentity;
import dev.cachet.peer.Ed25519;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * The cost of {@link CertificateCheck#verify} on one thread for a certificate of every member of a
 * committee: each verification timed alone (wall and thread CPU), after a warm-up; beside it the
 * cost of one Ed25519 verification over the same bytes and over a 32-byte message. Before timing,
 * the certificate must be valid and the same certificate with one flipped signature bit refused, so
 * the timed call cannot be a no-op.
 */
final class CertificateVerification {

  static final double GOAL_MILLIS = 10;

  private final SignedCertificate signed;
  private final int warmup;
  private final int rounds;
  private final int perRound;

  CertificateVerification(SignedCertificate signed, int warmup, int rounds, int perRound) {
    this.signed = signed;
    this.warmup = warmup;
    this.rounds = rounds;
    this.perRound = perRound;
  }

  String run() {
    StringBuilder out = new StringBuilder();
    HandoffCertificate certificate = signed.certificate;
    int signers = certificate.signatures().size();
    byte[] signedBytes = signed.statement.signedBytes();
    CertificateCheck.Verdict valid = check(certificate);
    if (!valid.valid()) {
      throw new IllegalStateException("the honest certificate is refused: " + valid.reason());
    }
    CertificateCheck.Verdict refused = check(signed.withLastSignatureCorrupted());
    String expected = "the signature of " + signed.lastSigner() + " does not verify";
    if (refused.valid() || !refused.reason().orElse("").equals(expected)) {
      throw new IllegalStateException("a corrupted signature is not refused: " + refused);
    }
    out.append(
        String.format(
            Locale.ROOT,
            "  certificate: epoch %d, %d signers of %d members (stake 1 each), %d metadata items,"
                + " %,d signed bytes: valid%n",
            certificate.epoch(),
            signers,
            signed.committee.members().size(),
            signed.statement.items().size(),
            signedBytes.length));
    out.append(
        String.format(
            Locale.ROOT,
            "  negative check: the last signer's signature with one bit flipped is refused (\"the"
                + " signature of %s… does not verify\")%n",
            signed.lastSigner().hex().substring(0, 16)));

    for (int i = 0; i < warmup; i++) {
      require(check(certificate));
    }
    int n = rounds * perRound;
    double[] wallMillis = new double[n];
    double[] cpuMillis = new double[n];
    long started = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long cpu0 = Samples.cpuNanos();
      long wall0 = System.nanoTime();
      CertificateCheck.Verdict verdict = check(certificate);
      wallMillis[i] = (System.nanoTime() - wall0) / 1e6;
      cpuMillis[i] = (Samples.cpuNanos() - cpu0) / 1e6;
      require(verdict);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double median = Samples.median(wallMillis);
    out.append(
        String.format(
            Locale.ROOT,
            "  warm-up %d verifications; measured %d rounds x %d = %d verifications, each timed%n",
            warmup,
            rounds,
            perRound,
            n));
    out.append(
        String.format(
            Locale.ROOT,
            "  per verification, wall: median %.3f ms, p99 %.3f ms, max %.3f ms;"
                + " thread CPU: median %.3f ms, p99 %.3f ms%n",
            median,
            Samples.percentile(wallMillis, 99),
            Samples.max(wallMillis),
            Samples.median(cpuMillis),
            Samples.percentile(cpuMillis, 99)));
    out.append(
        String.format(
            Locale.ROOT,
            "  throughput: %.1f verifications/s (%,.0f signatures/s)%n",
            n / seconds,
            n * (double) signers / seconds));

    double[] perSignature = signatureCost(signedBytes);
    byte[] shortMessage = "a 32-byte message, as a contrast".getBytes(StandardCharsets.US_ASCII);
    double[] perShortSignature = signatureCost(shortMessage);
    out.append(
        String.format(
            Locale.ROOT,
            "  one Ed25519.verify over the same %,d bytes: %.1f µs CPU (%.1f µs wall);"
                + " x %d = %.3f ms%n",
            signedBytes.length,
            perSignature[0],
            perSignature[1],
            signers,
            perSignature[0] * signers / 1000));
    out.append(
        String.format(
            Locale.ROOT,
            "  one Ed25519.verify over a %d-byte message: %.1f µs CPU (%.1f µs wall)%n",
            shortMessage.length,
            perShortSignature[0],
            perShortSignature[1]));
    out.append(
        String.format(
            Locale.ROOT,
            "  of which decoding the signer's public key (Ed25519PublicKeyParameters, done at"
                + " every verification): %.1f µs CPU%n",
            keyDecodingCost()));
    out.append(
        String.format(
            Locale.ROOT,
            "  the check beyond its %d signature verifications (key set hash, statement bytes,"
                + " membership, quorum): %.3f ms CPU%n",
            signers,
            Samples.median(cpuMillis) - perSignature[0] * signers / 1000));
    out.append(
        String.format(
            Locale.ROOT,
            "  verify %d-signer certificate: %.2f ms (goal < %.0f ms): %s%n",
            signers,
            median,
            GOAL_MILLIS,
            median < GOAL_MILLIS ? "MET" : "NOT MET"));
    return out.toString();
  }

  private CertificateCheck.Verdict check(HandoffCertificate certificate) {
    return CertificateCheck.verify(certificate, signed.committee, signed.next);
  }

  private static void require(CertificateCheck.Verdict verdict) {
    if (!verdict.valid()) {
      throw new IllegalStateException("a timed verification refused the certificate: " + verdict);
    }
  }

  /**
   * Median over rounds of the mean CPU and wall microseconds of one {@link Ed25519#verify} of every
   * member's signature over {@code message}, as {@code {cpu, wall}}.
   */
  private double[] signatureCost(byte[] message) {
    List<NodeIdentity> identities = signed.identities;
    int size = identities.size();
    IdentityKey[] keys = new IdentityKey[size];
    byte[][] signatures = new byte[size][];
    for (int i = 0; i < size; i++) {
      keys[i] = identities.get(i).publicKey();
      signatures[i] = identities.get(i).sign(message);
    }
    for (int i = 0; i < warmup * size; i++) {
      requireVerifies(keys[i % size], message, signatures[i % size]);
    }
    double[] cpu = new double[rounds];
    double[] wall = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long cpu0 = Samples.cpuNanos();
      long wall0 = System.nanoTime();
      for (int i = 0; i < perRound * size; i++) {
        requireVerifies(keys[i % size], message, signatures[i % size]);
      }
      cpu[r] = (Samples.cpuNanos() - cpu0) / 1e3 / (perRound * size);
      wall[r] = (System.nanoTime() - wall0) / 1e3 / (perRound * size);
    }
    return new double[] {Samples.median(cpu), Samples.median(wall)};
  }

  /** Median over rounds of the mean CPU microseconds to decode one member's public key. */
  private double keyDecodingCost() {
    List<NodeIdentity> identities = signed.identities;
    int size = identities.size();
    byte[][] keys = new byte[size][];
    for (int i = 0; i < size; i++) {
      keys[i] = identities.get(i).publicKey().bytes();
    }
    int sink = 0;
    for (int i = 0; i < warmup * size; i++) {
      sink += new Ed25519PublicKeyParameters(keys[i % size], 0).getEncoded()[0];
    }
    double[] cpu = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long cpu0 = Samples.cpuNanos();
      for (int i = 0; i < perRound * size; i++) {
        sink += new Ed25519PublicKeyParameters(keys[i % size], 0).getEncoded()[0];
      }
      cpu[r] = (Samples.cpuNanos() - cpu0) / 1e3 / (perRound * size);
    }
    if (sink == Integer.MIN_VALUE) {
      System.out.print(""); // keeps the decoded keys observable to the compiler
    }
    return Samples.median(cpu);
  }

  private static void requireVerifies(IdentityKey key, byte[] message, byte[] signature) {
    if (!Ed25519.verify(key, message, signature)) {
      throw new IllegalStateException("a signature did not verify");
    }
  }
}
