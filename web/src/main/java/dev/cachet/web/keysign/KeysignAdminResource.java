package dev.cachet.web.keysign;

import dev.cachet.bytes.LowercaseHex;
import dev.cachet.keysign.Batches;
import dev.cachet.keysign.InvalidKeysignException;
import dev.cachet.keysign.KeyIds;
import dev.cachet.keysign.KeysignEngine;
import dev.cachet.keysign.KeysignKey;
import dev.cachet.keysign.ejb.KeysignBean;
import dev.cachet.node.IdentityKey;
import dev.cachet.web.CachetApplication;
import dev.cachet.web.JsonBodies;
import dev.cachet.web.admin.AdminOnly;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Keysign setup (admin token): deal a key, import this node's package, bind a chain to a key. */
@Path("v1/admin/keysign")
@ApplicationScoped
@AdminOnly
@Tag(name = "admin", description = "Operator endpoints (admin bearer token)")
@SecurityRequirement(name = CachetApplication.ADMIN_SECURITY)
public class KeysignAdminResource {

  @Inject private KeysignBean keysign;
  @Inject private JsonBodies json;

  @POST
  @Path("dealings")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Deal a FROST(secp256k1, SHA-256) key with a trusted dealer for committee members"
              + " (identifiers 1..n in ascending order of identity key); the node keeps no share."
              + " The development and test path: distributed key generation comes later")
  @RequestBody(content = @Content(schema = @Schema(implementation = KeysignRequests.Deal.class)))
  @APIResponse(
      responseCode = "201",
      description = "dealt: one key package per member, to import on its node",
      content = @Content(schema = @Schema(implementation = KeysignRequests.Dealing.class)))
  @APIResponse(responseCode = "400", ref = "InvalidKeysignRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  @APIResponse(responseCode = "503", ref = "ExchangeUnavailable")
  public Response deal(InputStream body) {
    KeysignRequests.Deal request = json.read(body, KeysignRequests.Deal.class);
    if (request.keyId() == null || request.threshold() == null || request.members() == null) {
      throw new InvalidKeysignException(
          "INVALID_DEALING", "a dealing names keyId, threshold and members");
    }
    List<IdentityKey> members = request.members().stream().map(IdentityKey::parse).toList();
    KeysignRequests.Dealing dealt =
        KeysignRequests.Dealing.of(
            keysign.deal(KeyIds.check(request.keyId()), request.threshold(), members));
    return Response.status(201).entity(dealt).build();
  }

  @PUT
  @Path("keys/{keyId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Import this node's key package: it must verify against its VSS commitment and be this"
              + " node's identity key's; the secret share goes to the encrypted vault")
  @RequestBody(
      content = @Content(schema = @Schema(implementation = KeysignRequests.ImportKey.class)))
  @APIResponse(
      responseCode = "201",
      description = "imported",
      content = @Content(schema = @Schema(implementation = KeysignRequests.KeyDescription.class)))
  @APIResponse(
      responseCode = "200",
      description = "this package was imported already",
      content = @Content(schema = @Schema(implementation = KeysignRequests.KeyDescription.class)))
  @APIResponse(responseCode = "400", ref = "InvalidKeysignRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "409", ref = "KeysignConflict")
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  @APIResponse(responseCode = "503", ref = "ExchangeUnavailable")
  public Response importKey(@PathParam("keyId") String keyId, InputStream body) {
    KeyIds.check(keyId);
    KeysignRequests.ImportKey request = json.read(body, KeysignRequests.ImportKey.class);
    KeysignKey key = KeysignKey.decode(hex(request.keyPackage()));
    if (!key.keyId().equals(keyId)) {
      throw new InvalidKeysignException(
          "INVALID_KEY_PACKAGE", "the package is key " + key.keyId() + "'s, not " + keyId + "'s");
    }
    KeysignEngine.Imported imported = keysign.importKey(key);
    return Response.status(imported == KeysignEngine.Imported.CREATED ? 201 : 200)
        .entity(KeysignRequests.KeyDescription.of(key))
        .build();
  }

  @PUT
  @Path("chains/{chainId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Bind a chain (unsigned 32-bit id) to a key, with a batch size (default 10); a bound"
              + " chain may change its batch size, not its key")
  @RequestBody(
      content = @Content(schema = @Schema(implementation = KeysignRequests.BindChain.class)))
  @APIResponse(
      responseCode = "201",
      description = "bound",
      content = @Content(schema = @Schema(implementation = KeysignRequests.ChainBinding.class)))
  @APIResponse(
      responseCode = "200",
      description = "bound already (the batch size is now this one)",
      content = @Content(schema = @Schema(implementation = KeysignRequests.ChainBinding.class)))
  @APIResponse(responseCode = "400", ref = "InvalidKeysignRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "404", ref = "KeysignNotFound")
  @APIResponse(responseCode = "409", ref = "KeysignConflict")
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  @APIResponse(responseCode = "503", ref = "ExchangeUnavailable")
  public Response bind(@PathParam("chainId") String chainId, InputStream body) {
    long chain = KeysignRequests.chainId(chainId);
    KeysignRequests.BindChain request = json.read(body, KeysignRequests.BindChain.class);
    if (request.keyId() == null) {
      throw new InvalidKeysignException("INVALID_KEY_ID", "a chain binding names its keyId");
    }
    int batchSize =
        request.batchSize() == null ? Batches.DEFAULT_SIZE : Batches.checkSize(request.batchSize());
    KeysignEngine.Bound bound = keysign.bind(chain, KeyIds.check(request.keyId()), batchSize);
    return Response.status(bound == KeysignEngine.Bound.CREATED ? 201 : 200)
        .entity(new KeysignRequests.ChainBinding(chain, request.keyId(), batchSize))
        .build();
  }

  private static byte[] hex(String text) {
    byte[] bytes = LowercaseHex.upTo(text, Integer.MAX_VALUE);
    if (bytes == null) {
      throw new InvalidKeysignException(
          "INVALID_KEY_PACKAGE", "keyPackage is the dealer's package as lowercase hex");
    }
    return bytes;
  }
}
