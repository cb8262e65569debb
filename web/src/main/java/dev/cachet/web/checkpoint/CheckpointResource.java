package dev.cachet.web.checkpoint;

import dev.cachet.checkpoint.Bytes32;
import dev.cachet.checkpoint.ejb.CheckpointBean;
import dev.cachet.checkpoint.wire.CheckpointJson;
import dev.cachet.web.JsonBodies;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Checkpoint attestation for this node's client: transactions in, this node's job of a slot. */
@Path("v1/checkpoint")
@Tag(
    name = "checkpoint",
    description = "Checkpoint attestation, multiple blocks per slot (issue 15)")
public class CheckpointResource {

  @Inject private CheckpointBean checkpoints;
  @Inject private JsonBodies json;

  @POST
  @Path("txs")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Submit a transaction {from, to, amount, nonce}: taken into the pool and relayed to every"
              + " member's, so whoever proposes next holds it")
  @RequestBody(content = @Content(schema = @Schema(implementation = CheckpointJson.TxJson.class)))
  @APIResponse(
      responseCode = "202",
      description = "taken; its hash",
      content = @Content(schema = @Schema(implementation = CheckpointRequests.Submitted.class)))
  @APIResponse(responseCode = "400", ref = "InvalidCheckpointMessage")
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  @APIResponse(responseCode = "503", ref = "ExchangeUnavailable")
  public Response submit(InputStream body) {
    CheckpointJson.TxJson tx =
        CheckpointRequests.required(json.read(body, CheckpointJson.TxJson.class));
    List<Bytes32> hashes = checkpoints.submit(List.of(tx.toTx()));
    return Response.status(202)
        .entity(new CheckpointRequests.Submitted(hashes.get(0).hex()))
        .build();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "The ledger's tip on this node: the last published block it adopted, its archive and"
              + " state root, and the transactions in its pool")
  @APIResponse(
      responseCode = "200",
      description = "the tip",
      content = @Content(schema = @Schema(implementation = CheckpointRequests.Status.class)))
  @APIResponse(responseCode = "503", ref = "ExchangeUnavailable")
  public CheckpointRequests.Status status() {
    var tip = checkpoints.tip();
    return new CheckpointRequests.Status(
        tip.blockNumber(), tip.archive().hex(), tip.state().root().hex(), checkpoints.poolSize());
  }

  @GET
  @Path("slots/{slot}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "This node's job of a slot: blocks received and executed, the outcome and its reason,"
              + " the checkpoint it attested, whether it holds the published checkpoint")
  @APIResponse(
      responseCode = "200",
      description = "the job",
      content = @Content(schema = @Schema(implementation = CheckpointRequests.SlotStatus.class)))
  @APIResponse(responseCode = "400", ref = "InvalidCheckpointMessage")
  @APIResponse(responseCode = "503", ref = "ExchangeUnavailable")
  public CheckpointRequests.SlotStatus slot(@PathParam("slot") String slot) {
    return CheckpointRequests.SlotStatus.of(checkpoints.slot(CheckpointRequests.slot(slot)));
  }
}
