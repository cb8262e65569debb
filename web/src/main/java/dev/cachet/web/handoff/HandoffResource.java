package dev.cachet.web.handoff;

import dev.cachet.handoff.ejb.HandoffBean;
import dev.cachet.handoff.wire.HandoffJson;
import dev.cachet.web.JsonBodies;
import dev.cachet.web.committee.CommitteeRequests;
import dev.cachet.web.edge.BodyLimits;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The epoch handoff: the node's view, its certificates, and a verifier for operators. */
@Path("v1/handoff")
@Tag(name = "handoff", description = "Epoch handoff certificates (issue 13)")
public class HandoffResource {

  @Inject private HandoffBean handoff;
  @Inject private JsonBodies json;

  @GET
  @Path("certificates/latest")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The latest handoff certificate this node holds")
  @APIResponse(
      responseCode = "200",
      description = "the certificate",
      content = @Content(schema = @Schema(implementation = HandoffJson.CertificateJson.class)))
  @APIResponse(responseCode = "404", ref = "CertificateNotFound")
  public HandoffJson.CertificateJson latest() {
    return HandoffJson.CertificateJson.of(handoff.latestCertificate());
  }

  @GET
  @Path("certificates/{epoch}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The handoff certificate of an epoch")
  @APIResponse(
      responseCode = "200",
      description = "the certificate",
      content = @Content(schema = @Schema(implementation = HandoffJson.CertificateJson.class)))
  @APIResponse(responseCode = "400", ref = "InvalidEpoch")
  @APIResponse(responseCode = "404", ref = "CertificateNotFound")
  public HandoffJson.CertificateJson certificate(@PathParam("epoch") String epoch) {
    return HandoffJson.CertificateJson.of(handoff.certificate(CommitteeRequests.epoch(epoch)));
  }

  @GET
  @Path("{epoch}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "This node's view of an epoch's handoff: phase, its ready signal, the frozen set and"
              + " who it excludes, ready stake per snapshot, signatures collected and their stake")
  @APIResponse(
      responseCode = "200",
      description = "the view",
      content = @Content(schema = @Schema(implementation = HandoffRequests.View.class)))
  @APIResponse(responseCode = "400", ref = "InvalidEpoch")
  @APIResponse(responseCode = "503", ref = "ExchangeUnavailable")
  public HandoffRequests.View view(@PathParam("epoch") String epoch) {
    return HandoffRequests.view(handoff.view(CommitteeRequests.epoch(epoch)));
  }

  @POST
  @Path("verify")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Check a certificate against committee e and committee e+1 as the caller gives them")
  @APIResponse(
      responseCode = "200",
      description = "{\"valid\": true} or {\"valid\": false, \"reason\"}",
      content = @Content(schema = @Schema(implementation = HandoffRequests.Verdict.class)))
  @APIResponse(responseCode = "400", ref = "InvalidHandoffRequest")
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  public HandoffRequests.Verdict verify(InputStream body) {
    HandoffRequests.Verify request =
        json.read(body, HandoffRequests.Verify.class, BodyLimits.COMMITTEE_MAX_BYTES);
    var verdict =
        handoff.verify(
            request.certificate() == null ? null : request.certificate().toCertificate(),
            HandoffRequests.committee(request.committee(), "committee"),
            HandoffRequests.committee(request.nextCommittee(), "nextCommittee"));
    return new HandoffRequests.Verdict(verdict.valid(), verdict.reason().orElse(null));
  }
}
