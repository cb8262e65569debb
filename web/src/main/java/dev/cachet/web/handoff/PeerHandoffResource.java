package dev.cachet.web.handoff;

import dev.cachet.handoff.HandoffEngine;
import dev.cachet.handoff.ejb.HandoffBean;
import dev.cachet.handoff.wire.HandoffJson;
import dev.cachet.web.JsonBodies;
import dev.cachet.web.edge.BodyLimits;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Members send each other the handoff's signed messages here; they authenticate themselves. */
@Path("v1/peer/handoff")
@Tag(name = "peer", description = "Messages between committee members (signed; no token)")
public class PeerHandoffResource {

  @Inject private HandoffBean handoff;
  @Inject private JsonBodies json;

  @POST
  @Path("ready")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Take a member's ready signal with its snapshot")
  @APIResponse(
      responseCode = "200",
      description = "taken; known: it held that signer's signal already",
      content = @Content(schema = @Schema(implementation = HandoffJson.Taken.class)))
  @APIResponse(responseCode = "400", ref = "InvalidHandoffMessage")
  @APIResponse(responseCode = "403", ref = "NotAMember")
  @APIResponse(responseCode = "410", ref = "EpochStale")
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  @APIResponse(responseCode = "503", ref = "ExchangeUnavailable")
  public HandoffJson.Taken ready(InputStream body) {
    HandoffJson.ReadyMessage m =
        json.read(body, HandoffJson.ReadyMessage.class, BodyLimits.PEER_JSON_MAX_BYTES);
    return taken(handoff.ready(m.toSignal(), m.snapshot()));
  }

  @POST
  @Path("freeze")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Take a freeze certificate: adopted if valid and the epoch is not frozen")
  @APIResponse(
      responseCode = "200",
      description = "taken; known: the epoch was frozen already",
      content = @Content(schema = @Schema(implementation = HandoffJson.Taken.class)))
  @APIResponse(responseCode = "400", ref = "InvalidHandoffMessage")
  @APIResponse(responseCode = "410", ref = "EpochStale")
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  @APIResponse(responseCode = "503", ref = "ExchangeUnavailable")
  public HandoffJson.Taken freeze(InputStream body) {
    HandoffJson.FreezeMessage m =
        json.read(body, HandoffJson.FreezeMessage.class, BodyLimits.PEER_JSON_MAX_BYTES);
    return taken(handoff.freeze(m.toFreeze()));
  }

  @POST
  @Path("attestations")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Take a member's handoff attestation")
  @APIResponse(
      responseCode = "200",
      description = "taken; known: that signer had attested already",
      content = @Content(schema = @Schema(implementation = HandoffJson.Taken.class)))
  @APIResponse(responseCode = "400", ref = "InvalidHandoffMessage")
  @APIResponse(responseCode = "403", ref = "NotAMember")
  @APIResponse(responseCode = "410", ref = "EpochStale")
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  @APIResponse(responseCode = "503", ref = "ExchangeUnavailable")
  public HandoffJson.Taken attestation(InputStream body) {
    HandoffJson.AttestationMessage m =
        json.read(body, HandoffJson.AttestationMessage.class, BodyLimits.PEER_JSON_MAX_BYTES);
    return taken(handoff.attestation(m.statement(), m.attestation()));
  }

  private static HandoffJson.Taken taken(HandoffEngine.Received received) {
    return new HandoffJson.Taken(received == HandoffEngine.Received.KNOWN);
  }
}
