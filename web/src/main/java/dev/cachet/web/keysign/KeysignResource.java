package dev.cachet.web.keysign;

import dev.cachet.keysign.KeysignEngine;
import dev.cachet.keysign.TxDigest;
import dev.cachet.keysign.ejb.KeysignBean;
import dev.cachet.web.JsonBodies;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Keysign for this node's chain observer (loopback, no token): the pending range, digests in,
 * signatures out; and a key's public part.
 */
@Path("v1/keysign")
@Tag(name = "keysign", description = "Batched threshold keysign of a chain's digests (issue 14)")
public class KeysignResource {

  @Inject private KeysignBean keysign;
  @Inject private JsonBodies json;

  @GET
  @Path("keys/{keyId}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "A key's group public key (SEC1 compressed), threshold and participants (identity key,"
              + " identifier, verifying share)")
  @APIResponse(
      responseCode = "200",
      description = "the key",
      content = @Content(schema = @Schema(implementation = KeysignRequests.KeyDescription.class)))
  @APIResponse(responseCode = "400", ref = "InvalidKeysignRequest")
  @APIResponse(responseCode = "404", ref = "KeysignNotFound")
  @APIResponse(responseCode = "503", ref = "ExchangeUnavailable")
  public KeysignRequests.KeyDescription key(@PathParam("keyId") String keyId) {
    return KeysignRequests.KeyDescription.of(keysign.key(keyId));
  }

  @PUT
  @Path("{chainId}/pending")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "The chain's pending range: low is the next unconfirmed nonce (everything below is final"
              + " and pruned; it never moves backwards), high one past the highest pending nonce")
  @RequestBody(content = @Content(schema = @Schema(implementation = KeysignRequests.Pending.class)))
  @APIResponse(
      responseCode = "200",
      description = "set; the chain's status",
      content = @Content(schema = @Schema(implementation = KeysignRequests.ChainStatus.class)))
  @APIResponse(responseCode = "400", ref = "InvalidKeysignRequest")
  @APIResponse(responseCode = "404", ref = "KeysignNotFound")
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  @APIResponse(responseCode = "503", ref = "ExchangeUnavailable")
  public KeysignRequests.ChainStatus pending(
      @PathParam("chainId") String chainId, InputStream body) {
    long chain = KeysignRequests.chainId(chainId);
    KeysignRequests.Pending request = json.read(body, KeysignRequests.Pending.class);
    if (request.low() == null || request.high() == null) {
      throw new dev.cachet.keysign.InvalidKeysignException(
          "INVALID_PENDING", "a pending range has low and high");
    }
    return KeysignRequests.ChainStatus.of(keysign.pending(chain, request.low(), request.high()));
  }

  @POST
  @Path("{chainId}/digests")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Get a nonce's signature or add its digest (zetaclient's GetSignatureOrAddDigest): a new"
              + " or replaced digest is stored and signed in its batch's next session")
  @RequestBody(
      content = @Content(schema = @Schema(implementation = KeysignRequests.OfferDigest.class)))
  @APIResponse(
      responseCode = "200",
      description = "the same digest, signed",
      content = @Content(schema = @Schema(implementation = KeysignRequests.SignedDigest.class)))
  @APIResponse(
      responseCode = "202",
      description = "held, not signed yet (stored, unchanged or replaced)",
      content = @Content(schema = @Schema(implementation = KeysignRequests.PendingDigest.class)))
  @APIResponse(responseCode = "400", ref = "InvalidKeysignRequest")
  @APIResponse(responseCode = "404", ref = "KeysignNotFound")
  @APIResponse(responseCode = "410", ref = "NonceStale")
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  @APIResponse(responseCode = "503", ref = "ExchangeUnavailable")
  public Response digest(@PathParam("chainId") String chainId, InputStream body) {
    long chain = KeysignRequests.chainId(chainId);
    KeysignRequests.OfferDigest request = json.read(body, KeysignRequests.OfferDigest.class);
    long nonce = KeysignRequests.nonce(request.nonce());
    KeysignEngine.Offer offer = keysign.offer(chain, nonce, TxDigest.parse(request.digest()));
    if (offer.signature().isPresent()) {
      return Response.ok(KeysignRequests.SignedDigest.of(offer)).build();
    }
    return Response.status(202)
        .entity(new KeysignRequests.PendingDigest(offer.nonce(), offer.batch(), "PENDING"))
        .build();
  }

  @GET
  @Path("{chainId}/signatures/{nonce}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "A nonce's signature (RFC 9591 R || z, 65 bytes)")
  @APIResponse(
      responseCode = "200",
      description = "the signature",
      content = @Content(schema = @Schema(implementation = KeysignRequests.SignedDigest.class)))
  @APIResponse(responseCode = "400", ref = "InvalidKeysignRequest")
  @APIResponse(responseCode = "404", ref = "KeysignNotFound")
  @APIResponse(responseCode = "503", ref = "ExchangeUnavailable")
  public KeysignRequests.SignedDigest signature(
      @PathParam("chainId") String chainId, @PathParam("nonce") String nonce) {
    return KeysignRequests.SignedDigest.of(
        keysign.signature(KeysignRequests.chainId(chainId), KeysignRequests.nonce(nonce)));
  }

  @GET
  @Path("{chainId}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "A chain's status: low, high, pending nonces without signature, batches signed, and the"
              + " session its scheduler is at (batch, attempt, coordinator)")
  @APIResponse(
      responseCode = "200",
      description = "the status",
      content = @Content(schema = @Schema(implementation = KeysignRequests.ChainStatus.class)))
  @APIResponse(responseCode = "400", ref = "InvalidKeysignRequest")
  @APIResponse(responseCode = "404", ref = "KeysignNotFound")
  @APIResponse(responseCode = "503", ref = "ExchangeUnavailable")
  public KeysignRequests.ChainStatus chain(@PathParam("chainId") String chainId) {
    return KeysignRequests.ChainStatus.of(keysign.view(KeysignRequests.chainId(chainId)));
  }
}
