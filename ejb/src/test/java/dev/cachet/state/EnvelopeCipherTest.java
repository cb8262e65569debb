package dev.cachet.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class EnvelopeCipherTest {

  private static final byte[] SECRET = "xmss seed and watermark".getBytes(StandardCharsets.UTF_8);

  private final EnvelopeCipher cipher = new EnvelopeCipher(new SecureRandom());
  private final StateKey key = TestKeys.key(1);

  private Envelope sealed() {
    return cipher.seal("keys/7/attestation", 3, SECRET, key, "env");
  }

  @Test
  void roundTripsThroughTheCodec() {
    Envelope envelope = sealed();
    Envelope decoded = EnvelopeCodec.decode(EnvelopeCodec.encode(envelope));

    assertThat(decoded).isEqualTo(envelope);
    assertThat(decoded.keyId()).isEqualTo(key.id()).startsWith("sha256:");
    assertThat(decoded.generation()).isEqualTo(3);
    assertThat(decoded.provider()).isEqualTo("env");
    assertThat(EnvelopeCodec.encode(envelope)).hasSize(EnvelopeCodec.encodedLength(envelope));
    assertThat(cipher.open("keys/7/attestation", decoded, key)).isEqualTo(SECRET);
  }

  @Test
  void usesAFreshNonceForEverySeal() {
    assertThat(sealed().nonce()).isNotEqualTo(sealed().nonce());
  }

  @Test
  void isStandardAesGcmWithTheDocumentedAad() throws Exception {
    // An independent decryption with the JDK's cipher, the AAD rebuilt from its definition.
    Envelope envelope = sealed();
    Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
    jdk.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(TestKeys.bytes(1), "AES"),
        new GCMParameterSpec(128, envelope.nonce()));
    jdk.updateAAD(EnvelopeCipher.aad(1, "AES-256-GCM", "env", key.id(), "keys/7/attestation", 3));
    assertThat(jdk.doFinal(envelope.ciphertext())).isEqualTo(SECRET);
  }

  @Test
  void failsAuthenticationForAnotherRecordName() {
    assertAuthenticationFails("keys/7/proposal", sealed());
  }

  @Test
  void failsAuthenticationForAnotherGeneration() {
    Envelope e = sealed();
    assertAuthenticationFails(
        new Envelope(1, e.algorithm(), e.provider(), e.keyId(), 2, e.nonce(), e.ciphertext()));
  }

  @Test
  void failsAuthenticationForAnotherProvider() {
    Envelope e = sealed();
    assertAuthenticationFails(
        new Envelope(1, e.algorithm(), "file", e.keyId(), 3, e.nonce(), e.ciphertext()));
  }

  @Test
  void failsAuthenticationForATamperedNonce() {
    Envelope e = sealed();
    byte[] nonce = e.nonce();
    nonce[0] ^= 1;
    assertAuthenticationFails(
        new Envelope(1, e.algorithm(), e.provider(), e.keyId(), 3, nonce, e.ciphertext()));
  }

  @Test
  void failsAuthenticationForATamperedCiphertextOrTag() {
    Envelope e = sealed();
    for (int i : new int[] {0, e.ciphertextLength() - 1}) {
      byte[] ciphertext = e.ciphertext();
      ciphertext[i] ^= 0x40;
      assertAuthenticationFails(
          new Envelope(1, e.algorithm(), e.provider(), e.keyId(), 3, e.nonce(), ciphertext));
    }
  }

  @Test
  void refusesAnotherKeyNamingBothIdsNeverAKey() {
    StateKey other = TestKeys.key(2);
    assertThatThrownBy(() -> cipher.open("keys/7/attestation", sealed(), other))
        .isInstanceOf(StateKeyMismatchException.class)
        .hasMessageContaining(key.id())
        .hasMessageContaining(other.id())
        .hasMessageNotContaining(HexFormat.of().formatHex(TestKeys.bytes(1)))
        .hasMessageNotContaining(HexFormat.of().formatHex(TestKeys.bytes(2)));
  }

  @Test
  void failsAuthenticationForATamperedKeyIdHeader() {
    // The key id header is bound: relabelling an envelope as another key's fails once opened
    // with that key.
    Envelope e = sealed();
    StateKey other = TestKeys.key(2);
    Envelope relabelled =
        new Envelope(1, e.algorithm(), e.provider(), other.id(), 3, e.nonce(), e.ciphertext());
    assertThatThrownBy(() -> cipher.open("keys/7/attestation", relabelled, other))
        .isInstanceOf(StateEnvelopeException.class)
        .extracting("code")
        .isEqualTo("STATE_AUTHENTICATION_FAILED");
  }

  @Test
  void refusesPlaintextOverTheLimitBeforeEncrypting() {
    assertThatThrownBy(
            () -> cipher.seal("big", 1, new byte[EnvelopeCipher.MAX_PLAINTEXT + 1], key, "env"))
        .isInstanceOf(StateTooLargeException.class);
  }

  @Test
  void neverShowsTheKeyInItsString() {
    assertThat(key.toString()).isEqualTo("StateKey[" + key.id() + "]");
  }

  private void assertAuthenticationFails(Envelope envelope) {
    assertAuthenticationFails("keys/7/attestation", envelope);
  }

  private void assertAuthenticationFails(String record, Envelope envelope) {
    assertThatThrownBy(() -> cipher.open(record, envelope, key))
        .isInstanceOf(StateEnvelopeException.class)
        .extracting("code")
        .isEqualTo("STATE_AUTHENTICATION_FAILED");
  }
}
