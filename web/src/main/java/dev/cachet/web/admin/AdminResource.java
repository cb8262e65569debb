package dev.cachet.web.admin;

import dev.cachet.blob.BlobTotals;
import dev.cachet.blob.ejb.BlobStoreBean;
import dev.cachet.node.ejb.DatabaseProbe;
import dev.cachet.node.ejb.NodeIdentityBean;
import dev.cachet.web.CachetApplication;
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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operator views and operations; every one needs the admin token. */
@Path("v1/admin")
@ApplicationScoped
@AdminOnly
@Tag(name = "admin", description = "Operator endpoints (admin bearer token)")
@SecurityRequirement(name = CachetApplication.ADMIN_SECURITY)
public class AdminResource {

  @Inject private DatabaseProbe database;
  @Inject private BlobStoreBean blobs;
  @Inject private NodeVersion version;
  @Inject private NodeIdentityBean identity;

  @GET
  @Path("node")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The node's version, database and stored totals")
  @APIResponse(
      responseCode = "200",
      description = "node status",
      content = @Content(schema = @Schema(implementation = NodeStatus.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "503", ref = "IdentityLoading")
  public NodeStatus node() {
    BlobTotals totals = blobs.totals();
    DatabaseProbe.Answer answer = database.probe();
    return new NodeStatus(
        version.version(),
        answer.up() ? answer.product() : null,
        identity.publicKey().orElse(null),
        new NodeStatus.Blobs(totals.count(), totals.bytes()));
  }
}
