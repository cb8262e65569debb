package dev.cachet.web.checkpoint;

import dev.cachet.checkpoint.ejb.CheckpointBean;
import dev.cachet.checkpoint.wire.CheckpointJson;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The published checkpoints this node holds (peers read them too). */
@Path("v1/checkpoints")
@Tag(
    name = "checkpoint",
    description = "Checkpoint attestation, multiple blocks per slot (issue 15)")
public class CheckpointsResource {

  @Inject private CheckpointBean checkpoints;

  @GET
  @Path("{slot}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "The published checkpoint of a slot: its header, blocks and the quorum's attestations,"
              + " in committee order")
  @APIResponse(
      responseCode = "200",
      description = "the checkpoint",
      content = @Content(schema = @Schema(implementation = CheckpointJson.PublishedJson.class)))
  @APIResponse(responseCode = "400", ref = "InvalidCheckpointMessage")
  @APIResponse(responseCode = "404", ref = "CheckpointNotFound")
  @APIResponse(responseCode = "503", ref = "ExchangeUnavailable")
  public CheckpointJson.PublishedJson checkpoint(@PathParam("slot") String slot) {
    return CheckpointJson.PublishedJson.of(checkpoints.checkpoint(CheckpointRequests.slot(slot)));
  }
}
