package dev.cachet.web.metadata;

import dev.cachet.metadata.ejb.MetadataBean;
import dev.cachet.metadata.wire.AnnouncementMessage;
import dev.cachet.web.CachetApplication;
import dev.cachet.web.TimedBodies;
import dev.cachet.web.admin.AdminOnly;
import dev.cachet.web.blob.BlobHttp;
import dev.cachet.web.committee.CommitteeRequests;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The operator publishes this node's metadata blob for an epoch. */
@Path("v1/admin/metadata")
@AdminOnly
@SecurityRequirement(name = CachetApplication.ADMIN_SECURITY)
@Tag(name = "metadata", description = "Validator metadata exchanged between committee members")
public class MetadataAdminResource {

  @Inject private MetadataBean metadata;

  @PUT
  @Path("{epoch}")
  @Consumes(MediaType.APPLICATION_OCTET_STREAM)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Store this node's metadata blob for the epoch and announce it to the committees of the"
              + " epoch and the next; a later call replaces it (latest by timestamp)")
  @APIResponse(
      responseCode = "201",
      description = "the signed announcement",
      content = @Content(schema = @Schema(implementation = AnnouncementMessage.class)))
  @APIResponse(responseCode = "400", ref = "InvalidEpoch")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "409", ref = "NotACommitteeMember")
  @APIResponse(responseCode = "413", ref = "BlobTooLarge")
  @APIResponse(responseCode = "503", ref = "ExchangeUnavailable")
  public Response publish(
      @PathParam("epoch") String epoch,
      InputStream body,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength) {
    return Response.status(201)
        .entity(
            metadata.publish(
                CommitteeRequests.epoch(epoch),
                TimedBodies.timed(body),
                BlobHttp.declaredLength(contentLength)))
        .type(MediaType.APPLICATION_JSON_TYPE)
        .build();
  }
}
