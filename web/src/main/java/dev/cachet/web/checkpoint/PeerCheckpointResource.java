package dev.cachet.web.checkpoint;

import dev.cachet.checkpoint.ejb.CheckpointBean;
import dev.cachet.checkpoint.wire.CheckpointJson;
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

/**
 * A slot's messages between members: block and checkpoint proposals, attestations, published
 * checkpoints and relayed transactions. Each is checked against the committee of its slot; a
 * message that is not its signer's is taken as {@code accepted: false} and changes nothing.
 */
@Path("v1/peer/checkpoint")
@Tag(name = "peer", description = "Messages between committee members (signed; no token)")
public class PeerCheckpointResource {

  @Inject private CheckpointBean checkpoints;
  @Inject private JsonBodies json;

  @POST
  @Path("blocks")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "A non-last block proposal of the slot's proposer")
  @APIResponse(
      responseCode = "200",
      description = "taken, or refused (accepted: false) if not the slot proposer's",
      content = @Content(schema = @Schema(implementation = CheckpointJson.Taken.class)))
  @APIResponse(responseCode = "400", ref = "InvalidCheckpointMessage")
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  @APIResponse(responseCode = "503", ref = "ExchangeUnavailable")
  public CheckpointJson.Taken block(InputStream body) {
    return new CheckpointJson.Taken(
        checkpoints.block(read(body, CheckpointJson.BlockJson.class).toMessage()));
  }

  @POST
  @Path("proposals")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The checkpoint proposal: the last block with the checkpoint header")
  @APIResponse(
      responseCode = "200",
      description = "taken, or refused (accepted: false)",
      content = @Content(schema = @Schema(implementation = CheckpointJson.Taken.class)))
  @APIResponse(responseCode = "400", ref = "InvalidCheckpointMessage")
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  @APIResponse(responseCode = "503", ref = "ExchangeUnavailable")
  public CheckpointJson.Taken proposal(InputStream body) {
    return new CheckpointJson.Taken(
        checkpoints.proposal(read(body, CheckpointJson.ProposalJson.class).toMessage()));
  }

  @POST
  @Path("attestations")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "A validator's checkpoint attestation")
  @APIResponse(
      responseCode = "200",
      description = "pooled, or refused (accepted: false) if it does not verify",
      content = @Content(schema = @Schema(implementation = CheckpointJson.Taken.class)))
  @APIResponse(responseCode = "400", ref = "InvalidCheckpointMessage")
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  @APIResponse(responseCode = "503", ref = "ExchangeUnavailable")
  public CheckpointJson.Taken attestation(InputStream body) {
    return new CheckpointJson.Taken(
        checkpoints.attestation(read(body, CheckpointJson.AttestationJson.class).toMessage()));
  }

  @POST
  @Path("published")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "A published checkpoint: adopted if a quorum attested it and it builds on the tip")
  @APIResponse(
      responseCode = "200",
      description = "adopted (or held), or refused (accepted: false)",
      content = @Content(schema = @Schema(implementation = CheckpointJson.Taken.class)))
  @APIResponse(responseCode = "400", ref = "InvalidCheckpointMessage")
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  @APIResponse(responseCode = "503", ref = "ExchangeUnavailable")
  public CheckpointJson.Taken published(InputStream body) {
    return new CheckpointJson.Taken(
        checkpoints.published(read(body, CheckpointJson.PublishedJson.class).toMessage()));
  }

  @POST
  @Path("txs")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Transactions a member relays to this node's pool (signed by that member)")
  @APIResponse(
      responseCode = "200",
      description = "pooled",
      content = @Content(schema = @Schema(implementation = CheckpointJson.Taken.class)))
  @APIResponse(responseCode = "400", ref = "InvalidCheckpointMessage")
  @APIResponse(responseCode = "403", ref = "NotAMember")
  @APIResponse(responseCode = "410", ref = "EpochStale")
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  @APIResponse(responseCode = "503", ref = "ExchangeUnavailable")
  public CheckpointJson.Taken txs(InputStream body) {
    checkpoints.relayed(read(body, CheckpointJson.TxsJson.class));
    return new CheckpointJson.Taken(true);
  }

  private <T> T read(InputStream body, Class<T> type) {
    return json.read(body, type, BodyLimits.PEER_JSON_MAX_BYTES);
  }
}
