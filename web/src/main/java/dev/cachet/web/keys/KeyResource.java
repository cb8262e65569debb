package dev.cachet.web.keys;

import dev.cachet.keys.KeyRole;
import dev.cachet.keys.ValidatorKeyId;
import dev.cachet.keys.ejb.KeyManagerBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The node's validator keys: public keys, windows, states and watermarks. */
@Path("v1/keys")
@ApplicationScoped
@Tag(name = "keys", description = "Validator keys (XMSS^MT) and their prepared windows")
public class KeyResource {

  @Inject private KeyManagerBean keys;

  /** {@code GET /api/v1/keys}. */
  public record KeyList(List<KeyDescription> keys) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Every key of this node")
  @APIResponse(
      responseCode = "200",
      description = "the keys",
      content = @Content(schema = @Schema(implementation = KeyList.class)))
  public KeyList list() {
    return new KeyList(keys.views().stream().map(KeyDescription::of).toList());
  }

  @GET
  @Path("{validatorIndex}/{role}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "One key: parameters, public key, window, state, highest signed slot")
  @APIResponse(
      responseCode = "200",
      description = "the key",
      content = @Content(schema = @Schema(implementation = KeyDescription.class)))
  @APIResponse(responseCode = "400", ref = "InvalidKeyId")
  @APIResponse(responseCode = "404", ref = "KeyNotFound")
  public KeyDescription get(
      @PathParam("validatorIndex") String validatorIndex, @PathParam("role") String role) {
    return KeyDescription.of(
        keys.view(
            new ValidatorKeyId(KeyRequests.validatorIndex(validatorIndex), KeyRole.parse(role))));
  }
}
