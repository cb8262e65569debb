package dev.cachet.web.keysign;

import dev.cachet.keysign.ejb.KeysignBean;
import dev.cachet.keysign.wire.SignedJson;
import dev.cachet.peer.MessageKind;
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

/** A keysign session's messages between a key's participants; they authenticate themselves. */
@Path("v1/peer/keysign")
@Tag(name = "peer", description = "Messages between committee members (signed; no token)")
public class PeerKeysignResource {

  @Inject private KeysignBean keysign;
  @Inject private JsonBodies json;

  @POST
  @Path("commit")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Round one: the coordinator's batch of (nonce, digest); answered with this node's"
              + " commitments only if every digest is the one its own chain observer gave it, or"
              + " with the signatures it holds of all of them")
  @APIResponse(
      responseCode = "200",
      description = "a signed cachet/keysign-commitments message",
      content = @Content(schema = @Schema(implementation = SignedJson.class)))
  @APIResponse(responseCode = "400", ref = "InvalidKeysignMessage")
  @APIResponse(responseCode = "403", ref = "NotAParticipant")
  @APIResponse(responseCode = "404", ref = "KeysignNotFound")
  @APIResponse(responseCode = "409", ref = "KeysignConflict")
  @APIResponse(responseCode = "410", ref = "KeysignStale")
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  @APIResponse(responseCode = "503", ref = "DigestNotYet")
  public SignedJson commit(InputStream body) {
    return SignedJson.of(keysign.commit(read(body, MessageKind.KEYSIGN_COMMIT)));
  }

  @POST
  @Path("sign")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Round two: the signing package; answered once per round-one state with this node's"
              + " signature shares, after the session is durably recorded")
  @APIResponse(
      responseCode = "200",
      description = "a signed cachet/keysign-shares message",
      content = @Content(schema = @Schema(implementation = SignedJson.class)))
  @APIResponse(responseCode = "400", ref = "InvalidKeysignMessage")
  @APIResponse(responseCode = "403", ref = "NotAParticipant")
  @APIResponse(responseCode = "404", ref = "KeysignNotFound")
  @APIResponse(responseCode = "409", ref = "KeysignConflict")
  @APIResponse(responseCode = "410", ref = "KeysignStale")
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  @APIResponse(responseCode = "503", ref = "DigestNotYet")
  public SignedJson sign(InputStream body) {
    return SignedJson.of(keysign.sign(read(body, MessageKind.KEYSIGN_SIGN)));
  }

  @POST
  @Path("signatures")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "A session's signatures from its coordinator: each verified against the group key"
              + " before it is stored")
  @APIResponse(
      responseCode = "200",
      description = "taken; stored: how many were new here",
      content = @Content(schema = @Schema(implementation = SignedJson.Delivered.class)))
  @APIResponse(responseCode = "400", ref = "InvalidKeysignMessage")
  @APIResponse(responseCode = "403", ref = "NotAParticipant")
  @APIResponse(responseCode = "404", ref = "KeysignNotFound")
  @APIResponse(responseCode = "409", ref = "KeysignConflict")
  @APIResponse(responseCode = "410", ref = "KeysignStale")
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  @APIResponse(responseCode = "503", ref = "ExchangeUnavailable")
  public SignedJson.Delivered signatures(InputStream body) {
    return new SignedJson.Delivered(keysign.deliver(read(body, MessageKind.KEYSIGN_SIGNATURES)));
  }

  private dev.cachet.keysign.SignedMessage read(InputStream body, MessageKind kind) {
    return json.read(body, SignedJson.class, BodyLimits.PEER_JSON_MAX_BYTES).toMessage(kind);
  }
}
