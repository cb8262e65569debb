package dev.cachet.handoff.wire;

import dev.cachet.handoff.Attestation;
import dev.cachet.handoff.FreezeCertificate;
import dev.cachet.handoff.HandoffCertificate;
import dev.cachet.handoff.HandoffStatement;
import dev.cachet.handoff.Hash32;
import dev.cachet.handoff.InvalidHandoffException;
import dev.cachet.handoff.Item;
import dev.cachet.handoff.Items;
import dev.cachet.handoff.ReadySignal;
import dev.cachet.node.IdentityKey;
import dev.cachet.peer.Ed25519;
import dev.cachet.peer.InvalidSignatureException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The handoff's wire records, and their conversion to and from the core's values. */
public final class HandoffJson {

  private static final HexFormat HEX = HexFormat.of();

  private HandoffJson() {}

  /** An item: {@code {"kind":"METADATA","key","digest"}}. */
  public record ItemJson(String kind, String key, String digest) {
    static ItemJson of(Item item) {
      return new ItemJson(item.kind().name(), item.key().hex(), item.digest().hex());
    }

    Item toItem() {
      if (!"METADATA".equals(kind)) {
        throw new InvalidHandoffException(
            "INVALID_ITEMS", "an item's kind is METADATA, not " + kind);
      }
      return new Item(Item.Kind.METADATA, IdentityKey.parse(key), Hash32.parse(digest));
    }
  }

  /** A signature: {@code {"signer","signature"}}. */
  public record SignatureJson(String signer, String signature) {}

  /** A handoff certificate, as {@code GET /api/v1/handoff/certificates/{epoch}} serves it. */
  public record CertificateJson(
      Long epoch,
      String nextCommitteeKeySetHash,
      List<ItemJson> items,
      List<SignatureJson> signatures,
      Long signedStake,
      Long totalStake) {

    public static CertificateJson of(HandoffCertificate c) {
      HandoffStatement s = c.statement();
      return new CertificateJson(
          s.epoch(),
          s.nextCommitteeKeySetHash().hex(),
          itemsOf(s.items()),
          c.signatures().stream()
              .map(a -> new SignatureJson(a.signer().hex(), HEX.formatHex(a.signature())))
              .toList(),
          c.signedStake(),
          c.totalStake());
    }

    /**
     * @throws InvalidHandoffException {@code INVALID_CERTIFICATE} or {@code INVALID_ITEMS} if a
     *     field is missing or malformed (its signatures are not checked here)
     */
    public HandoffCertificate toCertificate() {
      if (epoch == null
          || nextCommitteeKeySetHash == null
          || items == null
          || signatures == null
          || signedStake == null
          || totalStake == null) {
        throw new InvalidHandoffException(
            "INVALID_CERTIFICATE",
            "a certificate has epoch, nextCommitteeKeySetHash, items, signatures, signedStake and"
                + " totalStake");
      }
      HandoffStatement statement =
          new HandoffStatement(epoch, Hash32.parse(nextCommitteeKeySetHash), toItems(items));
      List<Attestation> attestations = new ArrayList<>();
      for (SignatureJson s : signatures) {
        if (s == null || s.signer() == null) {
          throw new InvalidHandoffException("INVALID_CERTIFICATE", "a signature has a signer");
        }
        attestations.add(
            new Attestation(IdentityKey.parse(s.signer()), signatureBytes(s.signature())));
      }
      return new HandoffCertificate(statement, attestations, signedStake, totalStake);
    }
  }

  /** A ready signal with its snapshot ({@code POST /api/v1/peer/handoff/ready}). */
  public record ReadyMessage(
      Long epoch, String signer, String snapshotDigest, String signature, List<ItemJson> items) {

    public static ReadyMessage of(ReadySignal r, Items snapshot) {
      return new ReadyMessage(
          r.epoch(),
          r.signer().hex(),
          r.snapshotDigest().hex(),
          HEX.formatHex(r.signature()),
          itemsOf(snapshot));
    }

    public ReadySignal toSignal() {
      if (epoch == null || signer == null || snapshotDigest == null) {
        throw new InvalidHandoffException(
            "INVALID_READY", "a ready signal has epoch, signer, snapshotDigest and signature");
      }
      return new ReadySignal(
          epoch,
          IdentityKey.parse(signer),
          Hash32.parse(snapshotDigest),
          signatureBytes(signature));
    }

    public Items snapshot() {
      return toItems(items == null ? List.of() : items);
    }
  }

  /** A freeze certificate ({@code POST /api/v1/peer/handoff/freeze}). */
  public record FreezeMessage(Long epoch, List<ItemJson> items, List<SignatureJson> signals) {

    public static FreezeMessage of(FreezeCertificate f) {
      return new FreezeMessage(
          f.epoch(),
          itemsOf(f.snapshot()),
          f.signals().stream()
              .map(r -> new SignatureJson(r.signer().hex(), HEX.formatHex(r.signature())))
              .toList());
    }

    public FreezeCertificate toFreeze() {
      if (epoch == null || items == null || signals == null) {
        throw new InvalidHandoffException(
            "INVALID_FREEZE", "a freeze certificate has epoch, items and signals");
      }
      Items snapshot = toItems(items);
      Hash32 digest = snapshot.digest();
      List<ReadySignal> readies = new ArrayList<>();
      for (SignatureJson s : signals) {
        if (s == null || s.signer() == null) {
          throw new InvalidHandoffException("INVALID_FREEZE", "a signal has a signer");
        }
        readies.add(
            new ReadySignal(
                epoch, IdentityKey.parse(s.signer()), digest, signatureBytes(s.signature())));
      }
      return new FreezeCertificate(epoch, snapshot, readies);
    }
  }

  /** A handoff attestation ({@code POST /api/v1/peer/handoff/attestations}). */
  public record AttestationMessage(
      Long epoch,
      String nextCommitteeKeySetHash,
      List<ItemJson> items,
      String signer,
      String signature) {

    public static AttestationMessage of(HandoffStatement s, Attestation a) {
      return new AttestationMessage(
          s.epoch(),
          s.nextCommitteeKeySetHash().hex(),
          itemsOf(s.items()),
          a.signer().hex(),
          HEX.formatHex(a.signature()));
    }

    public HandoffStatement statement() {
      if (epoch == null || nextCommitteeKeySetHash == null || items == null) {
        throw new InvalidHandoffException(
            "INVALID_ATTESTATION",
            "an attestation has epoch, nextCommitteeKeySetHash, items, signer and signature");
      }
      return new HandoffStatement(epoch, Hash32.parse(nextCommitteeKeySetHash), toItems(items));
    }

    public Attestation attestation() {
      if (signer == null) {
        throw new InvalidHandoffException("INVALID_ATTESTATION", "an attestation has a signer");
      }
      return new Attestation(IdentityKey.parse(signer), signatureBytes(signature));
    }
  }

  /** The answer to a peer message: whether it was new to the node. */
  public record Taken(boolean known) {}

  static List<ItemJson> itemsOf(Items items) {
    return items.list().stream().map(ItemJson::of).toList();
  }

  static Items toItems(List<ItemJson> json) {
    List<Item> list = new ArrayList<>();
    for (ItemJson i : json) {
      if (i == null) {
        throw new InvalidHandoffException("INVALID_ITEMS", "an item is an object");
      }
      list.add(i.toItem());
    }
    return Items.ordered(list);
  }

  static byte[] signatureBytes(String hex) {
    if (hex == null
        || hex.length() != 2 * Ed25519.SIGNATURE_LENGTH
        || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      throw new InvalidSignatureException("a handoff message (not 128 lowercase hex characters)");
    }
    return HEX.parseHex(hex);
  }
}
