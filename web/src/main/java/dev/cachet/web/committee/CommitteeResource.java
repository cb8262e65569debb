package dev.cachet.web.committee;

import dev.cachet.committee.ejb.CommitteesBean;
import jakarta.enterprise.context.ApplicationScoped;
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

/** The committees this node knows, by epoch: public, for peers and clients alike. */
@Path("v1/committees")
@ApplicationScoped
@Tag(name = "committees", description = "Committees by epoch: members, stakes and quorums")
public class CommitteeResource {

  @Inject private CommitteesBean committees;

  @GET
  @Path("current")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The committee of the current epoch (see GET /api/v1/chain)")
  @APIResponse(
      responseCode = "200",
      description = "the committee",
      content = @Content(schema = @Schema(implementation = CommitteeDescription.class)))
  @APIResponse(responseCode = "404", ref = "CommitteeNotFound")
  public CommitteeDescription current() {
    return CommitteeDescription.of(committees.current());
  }

  @GET
  @Path("{epoch}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The committee of an epoch")
  @APIResponse(
      responseCode = "200",
      description = "the committee",
      content = @Content(schema = @Schema(implementation = CommitteeDescription.class)))
  @APIResponse(responseCode = "400", ref = "InvalidEpoch")
  @APIResponse(responseCode = "404", ref = "CommitteeNotFound")
  public CommitteeDescription get(@PathParam("epoch") String epoch) {
    return CommitteeDescription.of(committees.get(CommitteeRequests.epoch(epoch)));
  }
}
