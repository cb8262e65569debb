package dev.cachet.web.committee;

import dev.cachet.committee.Committee;
import dev.cachet.committee.Committees;
import dev.cachet.committee.ejb.CommitteesBean;
import dev.cachet.web.CachetApplication;
import dev.cachet.web.JsonBodies;
import dev.cachet.web.admin.AdminOnly;
import dev.cachet.web.edge.BodyLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operator committee setup: the committee of an epoch, set once (admin token). */
@Path("v1/admin/committees")
@ApplicationScoped
@AdminOnly
@Tag(name = "admin", description = "Operator endpoints (admin bearer token)")
@SecurityRequirement(name = CachetApplication.ADMIN_SECURITY)
public class CommitteeAdminResource {

  @Inject private CommitteesBean committees;
  @Inject private JsonBodies json;

  @PUT
  @Path("{epoch}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Set the committee of an epoch: its members' names, identity keys, stakes and peer"
              + " URLs. Once per epoch; the identical committee again changes nothing")
  @RequestBody(
      content = @Content(schema = @Schema(implementation = CommitteeRequests.SetCommittee.class)))
  @APIResponse(
      responseCode = "201",
      description = "set",
      content = @Content(schema = @Schema(implementation = CommitteeDescription.class)))
  @APIResponse(
      responseCode = "200",
      description = "the epoch has this committee already",
      content = @Content(schema = @Schema(implementation = CommitteeDescription.class)))
  @APIResponse(responseCode = "400", ref = "InvalidCommittee")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "409", ref = "CommitteeExists")
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  @APIResponse(responseCode = "503", ref = "CommitteeIdentityLoading")
  public Response set(@PathParam("epoch") String epoch, InputStream body, @Context UriInfo uri) {
    Committee committee =
        CommitteeRequests.committee(
            CommitteeRequests.epoch(epoch),
            json.read(body, CommitteeRequests.SetCommittee.class, BodyLimits.COMMITTEE_MAX_BYTES));
    CommitteeDescription answer = CommitteeDescription.of(committee);
    if (committees.set(committee) == Committees.Outcome.UNCHANGED) {
      return Response.ok(answer).build();
    }
    return Response.created(
            uri.getBaseUriBuilder().path("v1/committees/{epoch}").build(committee.epoch()))
        .entity(answer)
        .build();
  }
}
