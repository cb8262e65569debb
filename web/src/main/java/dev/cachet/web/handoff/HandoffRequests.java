package dev.cachet.web.handoff;

import dev.cachet.committee.Committee;
import dev.cachet.committee.InvalidCommitteeException;
import dev.cachet.handoff.HandoffEngine;
import dev.cachet.handoff.Hash32;
import dev.cachet.handoff.Item;
import dev.cachet.handoff.wire.HandoffJson;
import dev.cachet.web.committee.CommitteeRequests;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The handoff endpoints' own request and answer shapes, and their mapping. */
public final class HandoffRequests {

  private HandoffRequests() {}

  /** A committee as the operator gives it to {@code POST /api/v1/handoff/verify}. */
  public record CommitteeBody(Long epoch, List<CommitteeRequests.MemberEntry> members) {}

  /** {@code {"certificate","committee","nextCommittee"}}. */
  public record Verify(
      HandoffJson.CertificateJson certificate,
      CommitteeBody committee,
      CommitteeBody nextCommittee) {}

  /** {@code {"valid": true}} or {@code {"valid": false, "reason": "…"}}. */
  public record Verdict(boolean valid, String reason) {}

  /** The node's view of an epoch's handoff. */
  public record View(
      long epoch,
      String phase,
      Ready ready,
      Frozen frozen,
      Map<String, Long> readyStake,
      int signatures,
      long signedStake) {}

  /** This node's ready signal. */
  public record Ready(String signer, String snapshotDigest, String signature) {}

  /** The frozen set, and the members of the epoch it excludes. */
  public record Frozen(List<HandoffJson.ItemJson> items, List<String> excluded, int readySigners) {}

  static dev.cachet.handoff.HandoffCertificate certificate(Verify request) {
    if (request.certificate() == null) {
      throw new dev.cachet.handoff.InvalidHandoffException(
          "INVALID_CERTIFICATE", "the request has a certificate");
    }
    return request.certificate().toCertificate();
  }

  static Committee committee(CommitteeBody body, String field) {
    if (body == null || body.epoch() == null || body.members() == null || body.epoch() < 0) {
      throw new InvalidCommitteeException(field + " needs an epoch and members");
    }
    return CommitteeRequests.committee(
        body.epoch(), new CommitteeRequests.SetCommittee(body.members()));
  }

  static View view(HandoffEngine.View v) {
    Map<String, Long> stake = new LinkedHashMap<>();
    v.readyStake().forEach((Hash32 d, Long s) -> stake.put(d.hex(), s));
    return new View(
        v.epoch(),
        v.phase().name(),
        v.ready()
            .map(
                r ->
                    new Ready(
                        r.signer().hex(),
                        r.snapshotDigest().hex(),
                        HexFormat.of().formatHex(r.signature())))
            .orElse(null),
        v.freeze()
            .map(
                f ->
                    new Frozen(
                        f.snapshot().list().stream().map(HandoffRequests::item).toList(),
                        v.excluded().stream().map(k -> k.hex()).toList(),
                        f.signals().size()))
            .orElse(null),
        stake,
        v.signatures(),
        v.signedStake());
  }

  private static HandoffJson.ItemJson item(Item i) {
    return new HandoffJson.ItemJson(i.kind().name(), i.key().hex(), i.digest().hex());
  }
}
