package dev.cachet.frost;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.List;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * One message of a session bound to its commitment list (RFC 9591 §4.3–4.6): the binding factor of
 * every signer, the group commitment R and the challenge c. Signers and the coordinator compute the
 * same values from the same public inputs.
 */
final class MessageBinding {

  private final BigInteger[] bindingFactors;
  private final Element groupCommitment;
  private final BigInteger challenge;

  private MessageBinding(BigInteger[] bindingFactors, Element groupCommitment, BigInteger c) {
    this.bindingFactors = bindingFactors;
    this.groupCommitment = groupCommitment;
    this.challenge = c;
  }

  /**
   * compute_binding_factors, compute_group_commitment and compute_challenge.
   *
   * @param signers ascending, distinct; aligned with {@code commitments}
   */
  static MessageBinding compute(
      GroupPublicKey key,
      Message message,
      List<ParticipantId> signers,
      List<NonceCommitment> commitments) {
    Ciphersuite suite = key.suite();
    byte[][] inputs = bindingFactorInputs(key, message, signers, commitments);
    BigInteger[] factors = new BigInteger[inputs.length];
    ECPoint[] bindingPoints = new ECPoint[inputs.length];
    ECPoint hidingSum = suite.generator().getCurve().getInfinity();
    for (int i = 0; i < inputs.length; i++) {
      factors[i] = suite.h1(inputs[i]);
      bindingPoints[i] = commitments.get(i).binding().point();
      hidingSum = hidingSum.add(commitments.get(i).hiding().point());
    }
    // R = sum of D_i + [rho_i]E_i; the second sum as one multi-scalar multiplication.
    ECPoint r = hidingSum.add(ECAlgorithms.sumOfMultiplies(bindingPoints, factors)).normalize();
    if (r.isInfinity()) {
      throw InvalidSigningPackageException.identityCommitment();
    }
    Element groupCommitment = Element.of(suite, r);
    BigInteger c = Challenge.compute(suite, groupCommitment, key.element(), message);
    return new MessageBinding(factors, groupCommitment, c);
  }

  /**
   * rho_input of every signer: SerializeElement(PK) || H4(msg) || H5(encoded commitment list) ||
   * SerializeScalar(identifier).
   */
  static byte[][] bindingFactorInputs(
      GroupPublicKey key,
      Message message,
      List<ParticipantId> signers,
      List<NonceCommitment> commitments) {
    Ciphersuite suite = key.suite();
    ByteArrayOutputStream prefix = new ByteArrayOutputStream();
    prefix.writeBytes(key.element().encodingView());
    prefix.writeBytes(suite.h4(message.view()));
    prefix.writeBytes(suite.h5(encodeCommitmentList(suite, signers, commitments)));
    byte[] rhoPrefix = prefix.toByteArray();
    byte[][] inputs = new byte[signers.size()][];
    for (int i = 0; i < inputs.length; i++) {
      ByteArrayOutputStream input = new ByteArrayOutputStream();
      input.writeBytes(rhoPrefix);
      input.writeBytes(signers.get(i).encode(suite));
      inputs[i] = input.toByteArray();
    }
    return inputs;
  }

  /** encode_group_commitment_list. */
  private static byte[] encodeCommitmentList(
      Ciphersuite suite, List<ParticipantId> signers, List<NonceCommitment> commitments) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < signers.size(); i++) {
      out.writeBytes(signers.get(i).encode(suite));
      out.writeBytes(commitments.get(i).hiding().encodingView());
      out.writeBytes(commitments.get(i).binding().encodingView());
    }
    return out.toByteArray();
  }

  /** rho of the signer at {@code index} in the commitment list. */
  BigInteger bindingFactor(int index) {
    return bindingFactors[index];
  }

  Element groupCommitment() {
    return groupCommitment;
  }

  BigInteger challenge() {
    return challenge;
  }
}
