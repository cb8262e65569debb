package dev.cachet.handoff.ejb;

import dev.cachet.handoff.Attestation;
import dev.cachet.handoff.FreezeCertificate;
import dev.cachet.handoff.HandoffCertificate;
import dev.cachet.handoff.HandoffStatement;
import dev.cachet.handoff.HandoffStore;
import dev.cachet.handoff.Items;
import dev.cachet.handoff.ReadySignal;
import dev.cachet.handoff.wire.HandoffJson;
import dev.cachet.node.IdentityKey;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The {@link HandoffStore} on the node's database: each record its wire JSON, keyed by {@code
 * <epoch>/<kind>/<signer>}, inserted once. A "keep" that loses the insert (another node on the
 * database, same identity, wrote first) returns the record that won.
 */
final class RecordHandoffStore implements HandoffStore {

  static final String READY = "READY";
  static final String FREEZE = "FREEZE";
  static final String OWN_ATTESTATION = "OWN_ATTESTATION";
  static final String ATTESTATION = "ATTESTATION";
  static final String CERTIFICATE = "CERTIFICATE";

  private final HandoffRecords records;
  private final Supplier<IdentityKey> self;
  private final Jsonb jsonb = JsonbBuilder.create();

  RecordHandoffStore(HandoffRecords records, Supplier<IdentityKey> self) {
    this.records = records;
    this.self = self;
  }

  private static String key(long epoch, String kind, String signer) {
    return epoch + "/" + kind + "/" + signer;
  }

  private byte[] json(Object value) {
    return jsonb.toJson(value).getBytes(StandardCharsets.UTF_8);
  }

  private <T> T read(byte[] content, Class<T> type) {
    return jsonb.fromJson(new String(content, StandardCharsets.UTF_8), type);
  }

  /** Inserts unless present; the content kept either way. */
  private byte[] keep(String key, long epoch, String kind, byte[] content) {
    Optional<byte[]> existing = records.find(key);
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      records.insert(key, epoch, kind, content);
      return content;
    } catch (RuntimeException lost) {
      return records.find(key).orElseThrow(() -> lost);
    }
  }

  @Override
  public ReadySignal keepOwnReady(ReadySignal signal, Items snapshot) {
    byte[] kept =
        keep(
            key(signal.epoch(), READY, signal.signer().hex()),
            signal.epoch(),
            READY,
            json(HandoffJson.ReadyMessage.of(signal, snapshot)));
    return read(kept, HandoffJson.ReadyMessage.class).toSignal();
  }

  @Override
  public Optional<ReadySignal> ownReady(long epoch) {
    return records
        .find(key(epoch, READY, self.get().hex()))
        .map(c -> read(c, HandoffJson.ReadyMessage.class).toSignal());
  }

  @Override
  public Optional<Items> ownSnapshot(long epoch) {
    return records
        .find(key(epoch, READY, self.get().hex()))
        .map(c -> read(c, HandoffJson.ReadyMessage.class).snapshot());
  }

  @Override
  public FreezeCertificate keepFreeze(FreezeCertificate freeze) {
    byte[] kept =
        keep(
            key(freeze.epoch(), FREEZE, "-"),
            freeze.epoch(),
            FREEZE,
            json(HandoffJson.FreezeMessage.of(freeze)));
    return read(kept, HandoffJson.FreezeMessage.class).toFreeze();
  }

  @Override
  public Optional<FreezeCertificate> freeze(long epoch) {
    return records
        .find(key(epoch, FREEZE, "-"))
        .map(c -> read(c, HandoffJson.FreezeMessage.class).toFreeze());
  }

  @Override
  public Attestation keepOwnAttestation(HandoffStatement statement, Attestation attestation) {
    byte[] kept =
        keep(
            key(statement.epoch(), OWN_ATTESTATION, attestation.signer().hex()),
            statement.epoch(),
            OWN_ATTESTATION,
            json(HandoffJson.AttestationMessage.of(statement, attestation)));
    return read(kept, HandoffJson.AttestationMessage.class).attestation();
  }

  @Override
  public Optional<Attestation> ownAttestation(long epoch) {
    return records
        .find(key(epoch, OWN_ATTESTATION, self.get().hex()))
        .map(c -> read(c, HandoffJson.AttestationMessage.class).attestation());
  }

  @Override
  public void keepAttestation(HandoffStatement statement, Attestation attestation) {
    keep(
        key(statement.epoch(), ATTESTATION, attestation.signer().hex()),
        statement.epoch(),
        ATTESTATION,
        json(HandoffJson.AttestationMessage.of(statement, attestation)));
  }

  @Override
  public List<Map.Entry<HandoffStatement, Attestation>> attestations(long epoch) {
    List<Map.Entry<HandoffStatement, Attestation>> out = new ArrayList<>();
    for (byte[] content : records.byEpochAndKind(epoch, ATTESTATION)) {
      HandoffJson.AttestationMessage m = read(content, HandoffJson.AttestationMessage.class);
      out.add(Map.entry(m.statement(), m.attestation()));
    }
    return out;
  }

  @Override
  public HandoffCertificate keepCertificate(HandoffCertificate certificate) {
    byte[] kept =
        keep(
            key(certificate.epoch(), CERTIFICATE, "-"),
            certificate.epoch(),
            CERTIFICATE,
            json(HandoffJson.CertificateJson.of(certificate)));
    return read(kept, HandoffJson.CertificateJson.class).toCertificate();
  }

  @Override
  public Optional<HandoffCertificate> certificate(long epoch) {
    return records
        .find(key(epoch, CERTIFICATE, "-"))
        .map(c -> read(c, HandoffJson.CertificateJson.class).toCertificate());
  }

  @Override
  public OptionalLong latestCertified() {
    return records.latestEpoch(CERTIFICATE);
  }
}
