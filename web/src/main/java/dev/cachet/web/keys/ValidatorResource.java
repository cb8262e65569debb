package dev.cachet.web.keys;

import dev.cachet.keys.KeyRole;
import dev.cachet.keys.SigningMessage;
import dev.cachet.keys.ValidatorKeyId;
import dev.cachet.keys.ejb.KeyManagerBean;
import dev.cachet.web.JsonBodies;
import dev.cachet.web.validation.ErrorCode;
import dev.cachet.web.validation.Hex32;
import dev.cachet.web.validation.NotNegative;
import dev.cachet.web.validation.Required;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.HexFormat;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What a validator client asks of its signer: one signature per slot and key. */
@Path("v1/validators/{validatorIndex}")
@ApplicationScoped
@Tag(name = "signing", description = "Attestations and block proposals, signed by slot")
public class ValidatorResource {

  @Inject private KeyManagerBean keys;
  @Inject private JsonBodies json;

  /** {@code POST …/attestations}. */
  public record Attestation(
      @Required(payload = ErrorCode.InvalidSlot.class)
          @NotNegative(payload = ErrorCode.InvalidSlot.class)
          Long slot,
      @Required(message = KeyRequests.HEX32, payload = ErrorCode.InvalidMessage.class)
          @Hex32(payload = ErrorCode.InvalidMessage.class)
          String message) {}

  /** {@code POST …/blocks}. */
  public record Block(
      @Required(payload = ErrorCode.InvalidSlot.class)
          @NotNegative(payload = ErrorCode.InvalidSlot.class)
          Long slot,
      @Required(message = KeyRequests.HEX32, payload = ErrorCode.InvalidMessage.class)
          @Hex32(payload = ErrorCode.InvalidMessage.class)
          String blockRoot) {}

  /** The signature of a slot: RFC 8391 XMSS^MT bytes in hex. */
  public record Signed(long slot, String signature) {}

  @POST
  @Path("attestations")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Sign an attestation's 32-byte message for a slot (attestation key)")
  @RequestBody(content = @Content(schema = @Schema(implementation = Attestation.class)))
  @APIResponse(
      responseCode = "200",
      description = "signed (or the same slot and message again: the stored signature)",
      content = @Content(schema = @Schema(implementation = Signed.class)))
  @APIResponse(responseCode = "400", ref = "InvalidSigningRequest")
  @APIResponse(responseCode = "404", ref = "KeyNotFound")
  @APIResponse(responseCode = "409", ref = "SlotAlreadySigned")
  @APIResponse(responseCode = "410", ref = "KeyGone")
  @APIResponse(responseCode = "503", ref = "KeyNotPrepared")
  public Signed attest(@PathParam("validatorIndex") String validatorIndex, InputStream body) {
    long validator = KeyRequests.validatorIndex(validatorIndex);
    Attestation request = json.read(body, Attestation.class);
    return sign(
        validator,
        KeyRole.ATTESTATION,
        request.slot(),
        SigningMessage.parseHex(request.message(), "message"));
  }

  @POST
  @Path("blocks")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Sign a block root for a slot (proposal key)")
  @RequestBody(content = @Content(schema = @Schema(implementation = Block.class)))
  @APIResponse(
      responseCode = "200",
      description = "signed (or the same slot and root again: the stored signature)",
      content = @Content(schema = @Schema(implementation = Signed.class)))
  @APIResponse(responseCode = "400", ref = "InvalidSigningRequest")
  @APIResponse(responseCode = "404", ref = "KeyNotFound")
  @APIResponse(responseCode = "409", ref = "SlotAlreadySigned")
  @APIResponse(responseCode = "410", ref = "KeyGone")
  @APIResponse(responseCode = "503", ref = "KeyNotPrepared")
  public Signed propose(@PathParam("validatorIndex") String validatorIndex, InputStream body) {
    long validator = KeyRequests.validatorIndex(validatorIndex);
    Block request = json.read(body, Block.class);
    return sign(
        validator,
        KeyRole.PROPOSAL,
        request.slot(),
        SigningMessage.parseHex(request.blockRoot(), "blockRoot"));
  }

  private Signed sign(long validator, KeyRole role, long slot, SigningMessage message) {
    ValidatorKeyId id = new ValidatorKeyId(validator, role);
    return new Signed(slot, HexFormat.of().formatHex(keys.sign(id, slot, message)));
  }
}
