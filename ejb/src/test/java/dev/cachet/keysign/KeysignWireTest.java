package dev.cachet.keysign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachet.frost.BatchCommitments;
import dev.cachet.frost.Coordinator;
import dev.cachet.frost.DealtKeys;
import dev.cachet.frost.Message;
import dev.cachet.frost.RoundOneState;
import dev.cachet.frost.Signature;
import dev.cachet.frost.SignatureShares;
import dev.cachet.frost.Signer;
import dev.cachet.frost.SigningPackage;
import dev.cachet.keysign.DigestBook.Item;
import dev.cachet.keysign.KeysignWire.CommitAnswer;
import dev.cachet.keysign.KeysignWire.CommitRequest;
import dev.cachet.keysign.KeysignWire.Session;
import dev.cachet.keysign.KeysignWire.SharesAnswer;
import dev.cachet.keysign.KeysignWire.SignRequest;
import dev.cachet.keysign.KeysignWire.Signatures;
import dev.cachet.keysign.KeysignWire.SignedItem;
import dev.cachet.node.IdentityKey;
import dev.cachet.peer.InvalidSignatureException;
import dev.cachet.peer.MessageKind;
import dev.cachet.peer.SignedFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeysignWireTest {

  private static final String KEY_ID = "btc-key.v1_main";
  private static List<Fixtures.TestSigner> signers;
  private static DealtKeys dealt;
  private static Session session;
  private static List<Item> items;
  private static BatchCommitments commitments;
  private static SigningPackage signingPackage;
  private static SignatureShares shares;
  private static List<SignedItem> signed;

  @BeforeAll
  static void aSession() {
    signers = Fixtures.signers(5, "wire");
    dealt = Fixtures.deal(3, 5, 21);
    byte[] tag = new byte[16];
    Fixtures.seeded(1).nextBytes(tag);
    session = new Session(KEY_ID, 56, 2, 1, signers.get(3).identityKey(), tag);
    items = new ArrayList<>();
    for (long n = 20; n < 23; n++) {
      items.add(new Item(n, Fixtures.digest(56, n, 0)));
    }
    List<Message> messages = items.stream().map(i -> Message.of(i.digest().bytes())).toList();
    List<RoundOneState> states = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      states.add(new Signer(dealt.keyPackages().get(i), Fixtures.seeded(40 + i)).commit(3));
    }
    commitments = states.get(0).commitments();
    Coordinator coordinator = new Coordinator(dealt.group());
    signingPackage =
        coordinator.signingPackage(
            messages, states.stream().map(RoundOneState::commitments).toList());
    List<SignatureShares> all = states.stream().map(s -> s.sign(signingPackage)).toList();
    shares = all.get(0);
    List<Signature> signatures = coordinator.aggregate(signingPackage, all);
    signed = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      signed.add(new SignedItem(items.get(k).nonce(), items.get(k).digest(), signatures.get(k)));
    }
  }

  /** One message kind: its value, its encoding and its decoder. */
  private record Kind(String name, Object value, byte[] body, Function<byte[], Object> decode) {}

  private static List<Kind> kinds() {
    IdentityKey signer = signers.get(0).identityKey();
    CommitRequest commit = new CommitRequest(session, items);
    CommitAnswer committed = new CommitAnswer(session, signer, Optional.of(commitments), List.of());
    CommitAnswer held = new CommitAnswer(session, signer, Optional.empty(), signed);
    SignRequest sign = new SignRequest(session, signingPackage);
    SharesAnswer answer = new SharesAnswer(session, signer, shares);
    Signatures signatures = new Signatures(KEY_ID, 56, 2, 1, signed);
    return List.of(
        new Kind("commit", commit, KeysignWire.encode(commit), KeysignWire::commitRequest),
        new Kind(
            "commitments", committed, KeysignWire.encode(committed), KeysignWire::commitAnswer),
        new Kind("held signatures", held, KeysignWire.encode(held), KeysignWire::commitAnswer),
        new Kind("sign", sign, KeysignWire.encode(sign), KeysignWire::signRequest),
        new Kind("shares", answer, KeysignWire.encode(answer), KeysignWire::sharesAnswer),
        new Kind(
            "signatures", signatures, KeysignWire.encode(signatures), KeysignWire::signatures));
  }

  private static byte[] reencode(Object m) {
    if (m instanceof CommitRequest r) {
      return KeysignWire.encode(r);
    }
    if (m instanceof CommitAnswer r) {
      return KeysignWire.encode(r);
    }
    if (m instanceof SignRequest r) {
      return KeysignWire.encode(r);
    }
    if (m instanceof SharesAnswer r) {
      return KeysignWire.encode(r);
    }
    return KeysignWire.encode((Signatures) m);
  }

  private static void refused(Function<byte[], Object> decode, byte[] body, String what) {
    assertThatThrownBy(() -> decode.apply(body))
        .as(what)
        .isInstanceOfSatisfying(
            InvalidKeysignException.class,
            e -> assertThat(e.code()).isEqualTo("INVALID_KEYSIGN_MESSAGE"));
  }

  @Test
  void everyKindRoundTrips() {
    for (Kind k : kinds()) {
      Object decoded = k.decode().apply(k.body());
      assertThat(decoded).as(k.name()).isEqualTo(k.value());
      byte[] again = reencode(decoded);
      assertThat(again).as(k.name()).isEqualTo(k.body());
    }
  }

  @Test
  void theSessionEncodingIsTheDocumentedLayout() {
    byte[] body = KeysignWire.encode(new CommitRequest(session, items.subList(0, 1)));
    ByteBuffer in = ByteBuffer.wrap(body);
    byte[] id = new byte[in.get()];
    in.get(id);
    assertThat(new String(id, StandardCharsets.US_ASCII)).isEqualTo(KEY_ID);
    assertThat(in.getInt()).isEqualTo(56);
    assertThat(in.getLong()).isEqualTo(2);
    assertThat(in.getInt()).isEqualTo(1);
    byte[] coordinator = new byte[32];
    in.get(coordinator);
    assertThat(coordinator).isEqualTo(session.coordinator().bytes());
    byte[] tag = new byte[16];
    in.get(tag);
    assertThat(tag).isEqualTo(session.tag());
    assertThat(in.getShort()).isEqualTo((short) 1);
    assertThat(in.getLong()).isEqualTo(20);
    byte[] digest = new byte[32];
    in.get(digest);
    assertThat(digest).isEqualTo(items.get(0).digest().bytes());
    assertThat(in.hasRemaining()).isFalse();
    assertThat(session.name()).hasSize(32).isEqualTo(java.util.HexFormat.of().formatHex(tag));
  }

  @Test
  void unsigned32BitFieldsRoundTripAboveTwoToThe31() {
    Session big =
        new Session(KEY_ID, 0xFFFF_FFFFL, 7, 0xFFFF_FFFEL, session.coordinator(), session.tag());
    CommitRequest m = new CommitRequest(big, items);
    assertThat(KeysignWire.commitRequest(KeysignWire.encode(m))).isEqualTo(m);
  }

  @Test
  void aTrailingByteIsRefused() {
    for (Kind k : kinds()) {
      byte[] longer = Arrays.copyOf(k.body(), k.body().length + 1);
      refused(k.decode(), longer, k.name() + " with a trailing byte");
    }
  }

  @Test
  void everyTruncationIsRefused() {
    for (Kind k : kinds()) {
      for (int length = 0; length < k.body().length; length++) {
        refused(k.decode(), Arrays.copyOf(k.body(), length), k.name() + " cut to " + length);
      }
    }
  }

  @Test
  void aCountOfZeroOrAboveMaxItemsIsRefused() {
    List<Item> many = new ArrayList<>();
    List<SignedItem> manySigned = new ArrayList<>();
    for (int k = 0; k <= KeysignWire.MAX_ITEMS; k++) {
      many.add(items.get(0));
      manySigned.add(signed.get(0));
    }
    assertThat(many).hasSize(KeysignWire.MAX_ITEMS + 1);
    refused(
        KeysignWire::commitRequest,
        KeysignWire.encode(new CommitRequest(session, List.of())),
        "commit of none");
    refused(
        KeysignWire::commitRequest,
        KeysignWire.encode(new CommitRequest(session, many)),
        "commit of too many");
    refused(
        KeysignWire::signatures,
        KeysignWire.encode(new Signatures(KEY_ID, 56, 2, 1, List.of())),
        "no signatures");
    refused(
        KeysignWire::signatures,
        KeysignWire.encode(new Signatures(KEY_ID, 56, 2, 1, manySigned)),
        "too many signatures");
    IdentityKey signer = signers.get(0).identityKey();
    refused(
        KeysignWire::commitAnswer,
        KeysignWire.encode(new CommitAnswer(session, signer, Optional.empty(), List.of())),
        "an answer holding no signatures");
    refused(
        KeysignWire::commitAnswer,
        KeysignWire.encode(new CommitAnswer(session, signer, Optional.empty(), manySigned)),
        "an answer holding too many");
    // exactly MAX_ITEMS is fine
    List<Item> max = many.subList(0, KeysignWire.MAX_ITEMS);
    assertThat(
            KeysignWire.commitRequest(KeysignWire.encode(new CommitRequest(session, max))).items())
        .hasSize(KeysignWire.MAX_ITEMS);
  }

  @Test
  void aBadKeyIdIsRefused() {
    for (Kind k : kinds()) {
      byte[] body = k.body().clone();
      assertThat(body[0]).isEqualTo((byte) KEY_ID.length());
      body[1 + 3] = (byte) '/'; // "btc/key..."
      refused(k.decode(), body, k.name() + " with a '/' in its key id");
      byte[] empty = k.body().clone();
      empty[0] = 0;
      refused(k.decode(), empty, k.name() + " with an empty key id");
    }
  }

  @Test
  void negativeBatchesAndNoncesAreRefused() {
    int batchAt = 1 + KEY_ID.length() + 4;
    for (Kind k : kinds()) {
      byte[] body = k.body().clone();
      body[batchAt] = (byte) 0x80;
      refused(k.decode(), body, k.name() + " with a batch of 2^63 or more");
    }
    byte[] commit = KeysignWire.encode(new CommitRequest(session, items));
    int firstNonce = 1 + KEY_ID.length() + 4 + 8 + 4 + 32 + 16 + 2;
    commit[firstNonce] = (byte) 0xFF;
    refused(KeysignWire::commitRequest, commit, "a negative nonce");
  }

  @Test
  void anUnknownAnswerTypeIsRefused() {
    byte[] body =
        KeysignWire.encode(
            new CommitAnswer(
                session, signers.get(0).identityKey(), Optional.of(commitments), List.of()));
    int typeAt = 1 + KEY_ID.length() + 4 + 8 + 4 + 32 + 16 + 32;
    assertThat(body[typeAt]).isZero();
    body[typeAt] = 2;
    refused(KeysignWire::commitAnswer, body, "answer type 2");
  }

  @Test
  void aBrokenFrostPartIsRefused() {
    // the first element of the commitments: a point that is not on the curve
    byte[] body =
        KeysignWire.encode(
            new CommitAnswer(
                session, signers.get(0).identityKey(), Optional.of(commitments), List.of()));
    byte[] frost = commitments.encode();
    int at = indexOf(body, frost);
    assertThat(at).isPositive();
    for (int offset : new int[] {0, 3, frost.length - 1}) {
      byte[] broken = body.clone();
      broken[at + offset] ^= 0x5A;
      refused(KeysignWire::commitAnswer, broken, "commitments broken at " + offset);
    }
    // a length running past the message
    byte[] longer = body.clone();
    longer[at - 1] += 1;
    refused(KeysignWire::commitAnswer, longer, "a length past the end");
    byte[] negative = body.clone();
    negative[at - 4] = (byte) 0x80;
    refused(KeysignWire::commitAnswer, negative, "a negative length");
    // a signature whose z is not a scalar
    byte[] sigs = KeysignWire.encode(new Signatures(KEY_ID, 56, 2, 1, signed.subList(0, 1)));
    Arrays.fill(sigs, sigs.length - 32, sigs.length, (byte) 0xFF);
    refused(KeysignWire::signatures, sigs, "z above the order");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  // ---------------------------------------------------------------- signed messages

  @Test
  void aSignedMessageVerifiesAndItsSignatureIsPlainEd25519OverTheFrame() {
    Fixtures.TestSigner signer = signers.get(2);
    for (Map.Entry<MessageKind, byte[]> e :
        Map.of(
                MessageKind.KEYSIGN_COMMIT, kinds().get(0).body(),
                MessageKind.KEYSIGN_SIGNATURES, kinds().get(5).body())
            .entrySet()) {
      SignedMessage m = SignedMessage.sign(e.getKey(), 9, e.getValue(), signer);
      assertThat(m.verified()).isSameAs(m);
      assertThat(m.signer()).isEqualTo(signer.identityKey());
      byte[] frame = SignedFrame.encode(e.getKey(), 9, e.getValue());
      // the frame as documented: u8 len || tag || u8 version=1 || u64 epoch || body
      byte[] tag = e.getKey().tag().getBytes(StandardCharsets.US_ASCII);
      byte[] expected =
          ByteBuffer.allocate(1 + tag.length + 1 + 8 + e.getValue().length)
              .put((byte) tag.length)
              .put(tag)
              .put((byte) 1)
              .putLong(9)
              .put(e.getValue())
              .array();
      assertThat(frame).isEqualTo(expected);
      Ed25519Signer verifier = new Ed25519Signer();
      verifier.init(false, new Ed25519PublicKeyParameters(signer.identityKey().bytes(), 0));
      verifier.update(frame, 0, frame.length);
      assertThat(verifier.verifySignature(m.signature())).isTrue();
    }
  }

  @Test
  void aFlippedBitIsRefused() {
    Fixtures.TestSigner signer = signers.get(1);
    byte[] body = kinds().get(0).body();
    SignedMessage m = SignedMessage.sign(MessageKind.KEYSIGN_COMMIT, 4, body, signer);
    List<SignedMessage> bad = new ArrayList<>();
    for (int i = 0; i < body.length; i += 7) {
      bad.add(
          new SignedMessage(
              m.kind(), m.epoch(), m.signer(), Fixtures.flipBit(body, i, i % 8), m.signature()));
    }
    for (int i = 0; i < 64; i += 5) {
      bad.add(
          new SignedMessage(
              m.kind(), m.epoch(), m.signer(), body, Fixtures.flipBit(m.signature(), i, 3)));
    }
    bad.add(new SignedMessage(m.kind(), 5, m.signer(), body, m.signature()));
    bad.add(new SignedMessage(MessageKind.KEYSIGN_SIGN, 4, m.signer(), body, m.signature()));
    bad.add(new SignedMessage(m.kind(), 4, signers.get(0).identityKey(), body, m.signature()));
    bad.add(new SignedMessage(m.kind(), 4, m.signer(), body, new byte[63]));
    for (SignedMessage b : bad) {
      assertThatThrownBy(b::verified)
          .isInstanceOfSatisfying(
              InvalidSignatureException.class,
              e -> assertThat(e.code()).isEqualTo("INVALID_SIGNATURE"));
    }
  }

  @Test
  void aSignedMessageKeepsItsOwnCopies() {
    byte[] body = kinds().get(0).body();
    SignedMessage m = SignedMessage.sign(MessageKind.KEYSIGN_COMMIT, 4, body, signers.get(1));
    body[0] ^= 1;
    m.body()[1] ^= 1;
    m.signature()[0] ^= 1;
    assertThat(m.verified()).isSameAs(m);
  }

  // ---------------------------------------------------------------- key packages

  private static void invalidPackage(Runnable r, String what) {
    assertThatThrownBy(r::run)
        .as(what)
        .isInstanceOfSatisfying(
            InvalidKeysignException.class,
            e -> assertThat(e.code()).isEqualTo("INVALID_KEY_PACKAGE"));
  }

  @Test
  void aKeyPackageRoundTrips() {
    List<KeysignKey> keys = Fixtures.keys(KEY_ID, signers, dealt);
    for (KeysignKey key : keys) {
      byte[] bytes = key.encode();
      KeysignKey back = KeysignKey.decode(bytes);
      assertThat(back.encode()).isEqualTo(bytes);
      assertThat(back.keyId()).isEqualTo(KEY_ID);
      assertThat(back.participants()).isEqualTo(Fixtures.identities(signers));
      assertThat(back.share()).isEqualTo(key.share());
      assertThat(back.owner()).isEqualTo(signers.get(key.share().id().value() - 1).identityKey());
      assertThat(back.threshold()).isEqualTo(3);
      assertThat(back.idOf(back.owner())).contains(key.share().id());
      assertThat(back.toString())
          .doesNotContain(key.share().signingShare().toString())
          .contains(KEY_ID);
      // the documented layout's head
      ByteBuffer in = ByteBuffer.wrap(bytes);
      assertThat(in.get()).isEqualTo((byte) 1);
      assertThat(in.get()).isEqualTo((byte) KEY_ID.length());
      in.position(in.position() + KEY_ID.length());
      assertThat(in.getShort()).isEqualTo((short) 5);
      byte[] first = new byte[32];
      in.get(first);
      assertThat(first).isEqualTo(signers.get(0).identityKey().bytes());
      byte[] rest = Arrays.copyOfRange(bytes, in.position() + 4 * 32, bytes.length);
      assertThat(rest).isEqualTo(key.share().encode());
    }
  }

  @Test
  void aShareThatDoesNotMatchItsCommitmentIsRefused() {
    List<KeysignKey> keys = Fixtures.keys(KEY_ID, signers, dealt);
    byte[] bytes = keys.get(0).encode();
    byte[] mine = keys.get(0).share().signingShare().toBytes();
    byte[] theirs = keys.get(1).share().signingShare().toBytes();
    int at = indexOf(bytes, mine);
    assertThat(at).isPositive();
    byte[] swapped = bytes.clone();
    System.arraycopy(theirs, 0, swapped, at, theirs.length);
    invalidPackage(() -> KeysignKey.decode(swapped), "participant 2's share under id 1");
    byte[] flipped = Fixtures.flipBit(bytes, at + 31, 0);
    invalidPackage(() -> KeysignKey.decode(flipped), "a share off by a bit");
  }

  @Test
  void participantsMustBeAscendingDistinctAndAsManyAsTheGroup() {
    List<IdentityKey> ids = Fixtures.identities(signers);
    var share = dealt.keyPackages().get(0);
    List<IdentityKey> swapped = new ArrayList<>(ids);
    java.util.Collections.swap(swapped, 1, 2);
    invalidPackage(() -> new KeysignKey(KEY_ID, swapped, share), "not ascending");
    List<IdentityKey> twice = new ArrayList<>(ids);
    twice.set(2, twice.get(1));
    invalidPackage(() -> new KeysignKey(KEY_ID, twice, share), "a participant twice");
    invalidPackage(() -> new KeysignKey(KEY_ID, ids.subList(0, 4), share), "four of five");
    List<IdentityKey> six = new ArrayList<>(ids);
    six.add(Fixtures.signer("sixth").identityKey());
    six.sort(null);
    invalidPackage(() -> new KeysignKey(KEY_ID, six, share), "six of five");

    // the same through the encoding
    byte[] bytes = new KeysignKey(KEY_ID, ids, share).encode();
    int first = 1 + 1 + KEY_ID.length() + 2;
    byte[] unordered = bytes.clone();
    System.arraycopy(ids.get(2).bytes(), 0, unordered, first + 32, 32);
    System.arraycopy(ids.get(1).bytes(), 0, unordered, first + 64, 32);
    invalidPackage(() -> KeysignKey.decode(unordered), "decoded, not ascending");
    byte[] shortCount = bytes.clone();
    shortCount[first - 1] = 4; // n = 4: the fifth key is read as the FROST package
    invalidPackage(() -> KeysignKey.decode(shortCount), "decoded, a count of four");
  }

  @Test
  void anythingElseMalformedIsAnInvalidKeyPackage() {
    byte[] bytes = Fixtures.keys(KEY_ID, signers, dealt).get(0).encode();
    for (int length = 0; length < bytes.length; length += 3) {
      int l = length;
      invalidPackage(() -> KeysignKey.decode(Arrays.copyOf(bytes, l)), "cut to " + length);
    }
    invalidPackage(
        () -> KeysignKey.decode(Arrays.copyOf(bytes, bytes.length + 1)), "a trailing byte");
    byte[] version = bytes.clone();
    version[0] = 2;
    invalidPackage(() -> KeysignKey.decode(version), "version 2");
    byte[] keyId = bytes.clone();
    keyId[2] = (byte) ' ';
    invalidPackage(() -> KeysignKey.decode(keyId), "a space in the key id");
    // a P-256 key is not a keysign key
    DealtKeys p256 =
        dev.cachet.frost.TrustedDealer.deal(
            dev.cachet.frost.Ciphersuites.P256_SHA256, 3, 5, Fixtures.seeded(3));
    invalidPackage(
        () -> new KeysignKey(KEY_ID, Fixtures.identities(signers), p256.keyPackages().get(0)),
        "a P-256 package");
    assertThatThrownBy(
            () ->
                new KeysignKey(
                    "no spaces", Fixtures.identities(signers), dealt.keyPackages().get(0)))
        .isInstanceOfSatisfying(
            InvalidKeysignException.class, e -> assertThat(e.code()).isEqualTo("INVALID_KEY_ID"));
  }
}
