package dev.cachet.web.chain;

import dev.cachet.clock.SlotClock;
import dev.cachet.clock.ejb.ChainClockBean;
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

/** The node's slot clock, so clients and operators can see which slot it thinks it is. */
@Path("v1/chain")
@ApplicationScoped
@Tag(name = "chain", description = "The slot clock")
public class ChainResource {

  @Inject private ChainClockBean chain;

  /** {@code GET /api/v1/chain}. */
  public record Chain(String genesisTime, long secondsPerSlot, long currentSlot) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Genesis time, slot duration and the current slot")
  @APIResponse(
      responseCode = "200",
      description = "the slot clock",
      content = @Content(schema = @Schema(implementation = Chain.class)))
  public Chain chain() {
    SlotClock clock = chain.slotClock();
    return new Chain(
        clock.genesis().toString(), clock.slotDuration().toSeconds(), clock.currentSlot());
  }
}
