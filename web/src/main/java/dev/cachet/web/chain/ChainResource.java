package dev.cachet.web.chain;

import dev.cachet.clock.SlotClock;
import dev.cachet.committee.Epochs;
import dev.cachet.committee.ejb.CommitteesBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The node's slot clock, so clients and operators can see which slot and epoch it thinks it is. */
@Path("v1/chain")
@ApplicationScoped
@Tag(name = "chain", description = "The slot clock")
public class ChainResource {

  @Inject private CommitteesBean committees;

  /** {@code GET /api/v1/chain}: the epoch is that of the slot, read once. */
  public record Chain(
      String genesisTime,
      long secondsPerSlot,
      long currentSlot,
      long slotsPerEpoch,
      long currentEpoch) {

    static Chain of(Epochs epochs) {
      SlotClock clock = epochs.slotClock();
      long slot = clock.currentSlot();
      return new Chain(
          clock.genesis().toString(),
          clock.slotDuration().toSeconds(),
          slot,
          epochs.slotsPerEpoch(),
          epochs.epochOf(slot));
    }
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Genesis time, slot duration, the current slot, epoch length and epoch")
  @APIResponse(
      responseCode = "200",
      description = "the slot clock",
      content = @Content(schema = @Schema(implementation = Chain.class)))
  public Chain chain() {
    return Chain.of(committees.epochs());
  }
}
