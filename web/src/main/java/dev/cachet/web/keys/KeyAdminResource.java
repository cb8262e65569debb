package dev.cachet.web.keys;

import dev.cachet.keys.KeyRole;
import dev.cachet.keys.KeyView;
import dev.cachet.keys.ValidatorKeyId;
import dev.cachet.keys.ejb.KeyManagerBean;
import dev.cachet.web.CachetApplication;
import dev.cachet.web.JsonBodies;
import dev.cachet.web.admin.AdminOnly;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operator key management: generate, import, retire (admin token). */
@Path("v1/admin/keys")
@ApplicationScoped
@AdminOnly
@Tag(name = "admin", description = "Operator endpoints (admin bearer token)")
@SecurityRequirement(name = CachetApplication.ADMIN_SECURITY)
public class KeyAdminResource {

  @Inject private KeyManagerBean keys;
  @Inject private JsonBodies json;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Generate a validator key in the background; poll its Location until ACTIVE")
  @RequestBody(content = @Content(schema = @Schema(implementation = KeyRequests.Generate.class)))
  @APIResponse(
      responseCode = "202",
      description = "generation started",
      content = @Content(schema = @Schema(implementation = KeyDescription.class)))
  @APIResponse(responseCode = "400", ref = "InvalidKeyGeneration")
  @APIResponse(responseCode = "409", ref = "KeyExists")
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  public Response generate(InputStream body, @Context UriInfo uri) {
    KeyView key = keys.generate(KeyRequests.generate(json.read(body, KeyRequests.Generate.class)));
    return Response.accepted(KeyDescription.of(key)).location(location(uri, key)).build();
  }

  @POST
  @Path("import")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Import a key from its seeds (RFC 8391 / BouncyCastle names); answers once its root"
              + " and first window are computed")
  @RequestBody(content = @Content(schema = @Schema(implementation = KeyRequests.Import.class)))
  @APIResponse(
      responseCode = "201",
      description = "imported",
      content = @Content(schema = @Schema(implementation = KeyDescription.class)))
  @APIResponse(responseCode = "400", ref = "InvalidKeyImport")
  @APIResponse(responseCode = "409", ref = "KeyExists")
  public Response importKey(InputStream body, @Context UriInfo uri) {
    KeyView key = keys.importKey(KeyRequests.importing(json.read(body, KeyRequests.Import.class)));
    return Response.created(location(uri, key)).entity(KeyDescription.of(key)).build();
  }

  @DELETE
  @Path("{validatorIndex}/{role}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Retire a key: it signs nothing any more")
  @APIResponse(
      responseCode = "200",
      description = "retired",
      content = @Content(schema = @Schema(implementation = KeyDescription.class)))
  @APIResponse(responseCode = "404", ref = "KeyNotFound")
  public KeyDescription retire(
      @PathParam("validatorIndex") String validatorIndex, @PathParam("role") String role) {
    return KeyDescription.of(
        keys.retire(
            new ValidatorKeyId(KeyRequests.validatorIndex(validatorIndex), KeyRole.parse(role))));
  }

  private static URI location(UriInfo uri, KeyView key) {
    return uri.getBaseUriBuilder()
        .path("v1/keys/{validatorIndex}/{role}")
        .build(key.validatorIndex(), key.role().pathName());
  }
}
