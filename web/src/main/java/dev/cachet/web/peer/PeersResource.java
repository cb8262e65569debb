package dev.cachet.web.peer;

import dev.cachet.peer.ejb.PeerStatusBean;
import dev.cachet.web.CachetApplication;
import dev.cachet.web.admin.AdminOnly;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The operator's view of this node's peers. */
@Path("v1/admin/peers")
@AdminOnly
@SecurityRequirement(name = CachetApplication.ADMIN_SECURITY)
@Tag(name = "peer", description = "Messages between committee members (signed; no token)")
public class PeersResource {

  @Inject private PeerStatusBean peers;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Every member of the current and next committee: its URL, last success, last failure"
              + " and its cause, consecutive failures and circuit state")
  @APIResponse(
      responseCode = "200",
      description = "the peers",
      content = @Content(schema = @Schema(implementation = PeerDescription.Peers.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  public PeerDescription.Peers peers() {
    return PeerDescription.Peers.of(peers.peers());
  }
}
