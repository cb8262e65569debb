package dev.cachet.web.error;

import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * The API's error answers in its OpenAPI description, each written once: an {@link ErrorBody}
 * schema and one response component per kind of refusal (the codes it may carry), which operations
 * name with {@code @APIResponse(responseCode = "404", ref = "KeyNotFound")}. Every operation also
 * gets the 503 {@code DATABASE_UNAVAILABLE} answer of {@link FallbackMapper}, unless its own 503
 * component names it. The schema is built here rather than scanned, because Payara 6's scanner
 * describes {@code ErrorBody} as an empty object. Registered by {@code mp.openapi.filter}.
 */
public class ErrorResponseComponents implements OASFilter {

  static final String SCHEMA = "ErrorBody";

  static final String DATABASE_UNAVAILABLE = "DatabaseUnavailable";

  static final String DATABASE_DESCRIPTION =
      "DATABASE_UNAVAILABLE: the database is down or restarting; no signature was released;"
          + " retrying is safe (Retry-After)";

  /** Each response component's name and description: the error codes it carries. */
  /** The 408 of every operation that takes a request body (the edge reads bodies in time). */
  static final String REQUEST_TIMEOUT = "RequestTimeout";

  static final Map<String, String> RESPONSES = new LinkedHashMap<>();

  static {
    RESPONSES.put("Unauthorized", "UNAUTHORIZED");
    RESPONSES.put("InvalidBlobHash", "INVALID_HASH");
    RESPONSES.put("InvalidBlobUpload", "INVALID_HASH or HASH_MISMATCH; nothing stored");
    RESPONSES.put("InvalidBlobPage", "INVALID_HASH (after) or INVALID_LIMIT");
    RESPONSES.put("BlobNotFound", "BLOB_NOT_FOUND");
    RESPONSES.put("BlobTooLarge", "BLOB_TOO_LARGE");
    RESPONSES.put(
        "StateRewrapConflict",
        "STATE_KEY_MISMATCH (a record under a key that is neither current nor previous),"
            + " STATE_ROLLBACK; nothing after it rewritten");
    RESPONSES.put(
        "StateKeyUnavailable",
        "STATE_KEY_UNAVAILABLE: the key provider failed; Retry-After; " + DATABASE_DESCRIPTION);
    RESPONSES.put(
        "InvalidKeyGeneration",
        "MALFORMED_JSON, INVALID_ROLE, INVALID_VALIDATOR_INDEX, INVALID_PARAMETERS");
    RESPONSES.put(
        "InvalidKeyImport", "MALFORMED_JSON, INVALID_HEX, INVALID_PARAMETERS, ROOT_MISMATCH, ...");
    RESPONSES.put("InvalidKeyId", "INVALID_VALIDATOR_INDEX, INVALID_ROLE");
    RESPONSES.put("KeyExists", "KEY_EXISTS: the validator has a live key of that role");
    RESPONSES.put("BodyTooLarge", "BODY_TOO_LARGE");
    RESPONSES.put("KeyNotFound", "KEY_NOT_FOUND");
    RESPONSES.put(
        "InvalidSigningRequest",
        "MALFORMED_JSON, INVALID_SLOT, INVALID_MESSAGE, INVALID_VALIDATOR_INDEX");
    RESPONSES.put(
        "SlotAlreadySigned",
        "SLOT_ALREADY_SIGNED: at or below the highest signed slot, another message or root");
    RESPONSES.put("KeyGone", "KEY_EXHAUSTED, KEY_RETIRED, SLOT_BEHIND_WINDOW");
    RESPONSES.put(
        "KeyNotPrepared",
        "KEY_NOT_PREPARED (a preparation runs; Retry-After), STATE_KEY_UNAVAILABLE; "
            + DATABASE_DESCRIPTION);
    RESPONSES.put(
        "IdentityLoading",
        "SERVER_BUSY with Retry-After: 1: the node's identity is being loaded (the wait is at"
            + " most 2 s); "
            + DATABASE_DESCRIPTION);
    RESPONSES.put(
        "InvalidCommittee",
        "MALFORMED_JSON, BODY_UNREADABLE, INVALID_NUMBER, INVALID_EPOCH, INVALID_COMMITTEE (no"
            + " members, more than 1000, a key twice, a stake not positive, a name or url not"
            + " valid), INVALID_IDENTITY_KEY, GENESIS_NOT_CONFIGURED (this node is a member and"
            + " cachet.chain.genesis-time is not set); nothing stored");
    RESPONSES.put(
        "CommitteeExists",
        "COMMITTEE_EXISTS: the epoch has a different committee; a committee is never replaced");
    RESPONSES.put("InvalidEpoch", "INVALID_EPOCH: an epoch is a whole number from 0");
    RESPONSES.put("CommitteeNotFound", "COMMITTEE_NOT_FOUND: no committee is set for the epoch");
    RESPONSES.put(
        "CommitteeIdentityLoading",
        "IDENTITY_NOT_LOADED (Retry-After): without cachet.chain.genesis-time the node must know"
            + " its identity to tell whether it is a member, and it is not loaded yet; SERVER_BUSY"
            + " with Retry-After: 1 while it is being loaded; "
            + DATABASE_DESCRIPTION);
    RESPONSES.put(
        "InvalidAnnouncement",
        "MALFORMED_JSON, INVALID_NUMBER, INVALID_ANNOUNCEMENT (a field missing, a timestamp not"
            + " positive, a size beyond cachet.blob.max-size), INVALID_IDENTITY_KEY, INVALID_HASH,"
            + " INVALID_SIGNATURE, EPOCH_AHEAD (beyond the next epoch); nothing stored");
    RESPONSES.put(
        "NotAMember",
        "NOT_A_MEMBER: the signer is in neither the committee of the message's epoch nor the"
            + " next; nothing stored");
    RESPONSES.put(
        "EpochStale", "EPOCH_STALE: the epoch is before the previous one; nothing stored");
    RESPONSES.put(
        "NotACommitteeMember",
        "NOT_A_MEMBER: this node is in neither the committee of the epoch nor the next; nothing"
            + " stored");
    RESPONSES.put(
        "ExchangeUnavailable",
        "STATE_KEY_UNAVAILABLE (Retry-After): the node's identity is not loaded yet; "
            + DATABASE_DESCRIPTION);
    RESPONSES.put(
        "CertificateNotFound",
        "CERTIFICATE_NOT_FOUND: this node holds no certificate of the epoch");
    RESPONSES.put(
        "InvalidHandoffRequest",
        "MALFORMED_JSON, INVALID_NUMBER, INVALID_CERTIFICATE, INVALID_ITEMS, INVALID_HASH,"
            + " INVALID_IDENTITY_KEY, INVALID_SIGNATURE (malformed), INVALID_COMMITTEE");
    RESPONSES.put(
        "InvalidHandoffMessage",
        "MALFORMED_JSON, INVALID_NUMBER, INVALID_READY, INVALID_FREEZE, INVALID_ATTESTATION,"
            + " INVALID_ITEMS, INVALID_SNAPSHOT, INVALID_HASH, INVALID_IDENTITY_KEY,"
            + " INVALID_SIGNATURE, EPOCH_AHEAD; nothing stored");
    RESPONSES.put(
        "InvalidKeysignRequest",
        "MALFORMED_JSON, INVALID_NUMBER, INVALID_KEY_ID, INVALID_DEALING, INVALID_KEY_PACKAGE (not"
            + " a package, a share that fails its VSS commitment, another node's package),"
            + " INVALID_IDENTITY_KEY, INVALID_CHAIN_ID, INVALID_BATCH_SIZE, INVALID_PENDING,"
            + " NONCE_REGRESSION, INVALID_NONCE, INVALID_DIGEST; nothing stored");
    RESPONSES.put(
        "KeysignNotFound",
        "KEY_NOT_FOUND, CHAIN_NOT_FOUND (the chain is not bound), SIGNATURE_NOT_FOUND");
    RESPONSES.put(
        "KeysignConflict",
        "KEY_EXISTS (another package under the key id), CHAIN_BOUND (bound to another key),"
            + " DIGEST_MISMATCH (a digest this node's chain observer did not give it),"
            + " NOT_THE_COORDINATOR, SESSION_UNKNOWN; nothing stored");
    RESPONSES.put("NonceStale", "NONCE_STALE: the nonce is below the chain's low; nothing stored");
    RESPONSES.put(
        "KeysignStale",
        "NONCE_STALE (a nonce below this node's low), EPOCH_STALE (the message's epoch is before"
            + " the previous one); nothing stored");
    RESPONSES.put(
        "InvalidKeysignMessage",
        "MALFORMED_JSON, INVALID_NUMBER, INVALID_KEYSIGN_MESSAGE, INVALID_IDENTITY_KEY,"
            + " INVALID_SIGNATURE, INVALID_SIGNATURES (a FROST signature that does not verify),"
            + " FROST_* (a signing package the FROST core refuses), EPOCH_AHEAD; nothing stored");
    RESPONSES.put(
        "NotAParticipant",
        "NOT_A_PARTICIPANT: the signer is not a participant of the key; NOT_THE_COORDINATOR: a"
            + " request not from the session's coordinator");
    RESPONSES.put(
        "DigestNotYet",
        "DIGEST_NOT_YET (Retry-After): this node's chain observer has not given the digest yet;"
            + " SESSION_IN_PROGRESS (Retry-After): this node released shares for a digest to"
            + " another coordinator's session that may still sign; STATE_KEY_UNAVAILABLE; "
            + DATABASE_DESCRIPTION);
    RESPONSES.put(
        "InvalidCheckpointMessage",
        "MALFORMED_JSON, INVALID_NUMBER, INVALID_CHECKPOINT_MESSAGE (a field missing, not lowercase"
            + " hex, not the encoding of docs/protocol.md §12), INVALID_HEX, INVALID_IDENTITY_KEY,"
            + " INVALID_SIGNATURE (a relay's), INVALID_SLOT, EPOCH_AHEAD; nothing stored");
    RESPONSES.put(
        "CheckpointNotFound",
        "CHECKPOINT_NOT_FOUND: this node holds no published checkpoint of the slot");
    RESPONSES.put(DATABASE_UNAVAILABLE, DATABASE_DESCRIPTION);
    RESPONSES.put(
        REQUEST_TIMEOUT,
        "REQUEST_TIMEOUT: the body did not arrive within cachet.http.body-timeout-seconds;"
            + " the connection closes");
  }

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getComponents() == null) {
      openAPI.components(OASFactory.createComponents());
    }
    Components components = openAPI.getComponents();
    components.addSchema(SCHEMA, errorBody());
    RESPONSES.forEach((name, description) -> components.addResponse(name, response(description)));
  }

  @Override
  public Operation filterOperation(Operation operation) {
    APIResponses responses = operation.getResponses();
    if (responses != null && responses.getAPIResponse("503") == null) {
      responses.addAPIResponse("503", OASFactory.createAPIResponse().ref(DATABASE_UNAVAILABLE));
    }
    if (responses != null
        && operation.getRequestBody() != null
        && responses.getAPIResponse("408") == null) {
      responses.addAPIResponse("408", OASFactory.createAPIResponse().ref(REQUEST_TIMEOUT));
    }
    return operation;
  }

  /** {@link ErrorBody} as JSON-B writes it ({@code peers} only for a peer's fault). */
  static Schema errorBody() {
    return OASFactory.createSchema()
        .type(Schema.SchemaType.OBJECT)
        .addRequired("error")
        .addRequired("message")
        .addProperty("error", text("the error's code, UPPER_SNAKE_CASE: what a client branches on"))
        .addProperty("message", text("a sentence for a human; not for parsing"))
        .addProperty(
            "peers",
            OASFactory.createSchema()
                .type(Schema.SchemaType.ARRAY)
                .items(text(null))
                .description("the peers at fault (PEER_FAULT only)"));
  }

  private static Schema text(String description) {
    return OASFactory.createSchema().type(Schema.SchemaType.STRING).description(description);
  }

  private static APIResponse response(String description) {
    return OASFactory.createAPIResponse()
        .description(description)
        .content(
            OASFactory.createContent()
                .addMediaType(
                    MediaType.APPLICATION_JSON,
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMA))));
  }
}
