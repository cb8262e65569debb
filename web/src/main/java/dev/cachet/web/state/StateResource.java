package dev.cachet.web.state;

import dev.cachet.state.ejb.StateVaultBean;
import dev.cachet.web.CachetApplication;
import dev.cachet.web.admin.AdminOnly;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The operator's view of the encrypted state vault: metadata only, and re-encryption. */
@Path("v1/admin/state")
@ApplicationScoped
@AdminOnly
@Tag(name = "admin", description = "Operator endpoints (admin bearer token)")
@SecurityRequirement(name = CachetApplication.ADMIN_SECURITY)
public class StateResource {

  @Inject private StateVaultBean vault;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Every state record's metadata (never its plaintext)")
  @APIResponse(
      responseCode = "200",
      description = "the records",
      content = @Content(schema = @Schema(implementation = RecordList.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  public RecordList records() {
    return RecordList.of(vault.list());
  }

  @POST
  @Path("rewrap")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Re-encrypt every record not under the current state key, now")
  @APIResponse(
      responseCode = "200",
      description = "how many records were rewritten",
      content = @Content(schema = @Schema(implementation = Rewrapped.class)))
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "409", ref = "StateRewrapConflict")
  @APIResponse(responseCode = "503", ref = "StateKeyUnavailable")
  public Rewrapped rewrap() {
    return new Rewrapped(vault.rewrap());
  }
}
