package dev.cachet.web.metadata;

import dev.cachet.metadata.ejb.MetadataBean;
import dev.cachet.metadata.wire.AnnouncementAnswer;
import dev.cachet.metadata.wire.AnnouncementMessage;
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

/** Peers push and relay signed metadata announcements here; they authenticate themselves. */
@Path("v1/peer/metadata")
@Tag(name = "peer", description = "Messages between committee members (signed; no token)")
public class PeerMetadataResource {

  @Inject private MetadataBean metadata;
  @Inject private JsonBodies json;

  @POST
  @Path("announcements")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Take a member's signed metadata announcement (pushed or relayed); an older or equal"
              + " one is acknowledged as superseded and changes nothing")
  @APIResponse(
      responseCode = "200",
      description = "taken, or superseded",
      content = @Content(schema = @Schema(implementation = AnnouncementAnswer.class)))
  @APIResponse(responseCode = "400", ref = "InvalidAnnouncement")
  @APIResponse(responseCode = "403", ref = "NotAMember")
  @APIResponse(responseCode = "410", ref = "EpochStale")
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  @APIResponse(responseCode = "503", ref = "ExchangeUnavailable")
  public AnnouncementAnswer announce(InputStream body) {
    return metadata.receive(
        json.read(body, AnnouncementMessage.class, BodyLimits.PEER_JSON_MAX_BYTES));
  }
}
