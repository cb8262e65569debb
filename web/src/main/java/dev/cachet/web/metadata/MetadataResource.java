package dev.cachet.web.metadata;

import dev.cachet.metadata.ejb.MetadataBean;
import dev.cachet.metadata.wire.MetadataListing;
import dev.cachet.web.committee.CommitteeRequests;
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

/** The metadata announcements this node holds: a public read, for peers catching up. */
@Path("v1/metadata")
@Tag(name = "metadata", description = "Validator metadata exchanged between committee members")
public class MetadataResource {

  @Inject private MetadataBean metadata;

  @GET
  @Path("{epoch}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Every announcement held for the epoch, signed, with whether this node holds its blob")
  @APIResponse(
      responseCode = "200",
      description = "the announcements held",
      content = @Content(schema = @Schema(implementation = MetadataListing.class)))
  @APIResponse(responseCode = "400", ref = "InvalidEpoch")
  @APIResponse(responseCode = "503", ref = "ExchangeUnavailable")
  public MetadataListing listing(@PathParam("epoch") String epoch) {
    return metadata.listing(CommitteeRequests.epoch(epoch));
  }
}
