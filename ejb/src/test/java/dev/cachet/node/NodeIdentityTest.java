package dev.cachet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

class NodeIdentityTest {

  @Test
  void createsAnIdentityOnlyWhenTheRecordIsEmpty() {
    byte[] created =
        NodeIdentity.createIfAbsent(new SecureRandom()).next(Optional.empty()).orElseThrow();

    assertThat(created).hasSize(33);
    assertThat(created[0]).isEqualTo(NodeIdentity.VERSION);
    assertThat(NodeIdentity.createIfAbsent(new SecureRandom()).next(Optional.of(created)))
        .isEmpty();
  }

  @Test
  void publishesTheEd25519PublicKeyOfTheStoredSeed() {
    byte[] seed =
        HexFormat.of()
            .parseHex(
                "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"); // RFC 8032
    // test 1
    byte[] plaintext = new byte[33];
    plaintext[0] = NodeIdentity.VERSION;
    System.arraycopy(seed, 0, plaintext, 1, 32);

    assertThat(NodeIdentity.decode(plaintext).publicKeyHex())
        .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
        .isEqualTo(
            HexFormat.of()
                .formatHex(new Ed25519PrivateKeyParameters(seed).generatePublicKey().getEncoded()));
  }

  @Test
  void refusesAnUnknownVersionOrLength() {
    assertThatThrownBy(() -> NodeIdentity.decode(new byte[33])).hasMessageContaining("version 1");
    assertThatThrownBy(() -> NodeIdentity.decode(new byte[] {1, 2}))
        .hasMessageContaining("version 1");
  }
}
