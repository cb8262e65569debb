package dev.cachet.web.error;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents, on every operation that uses the database, the 503 {@code DATABASE_UNAVAILABLE} answer
 * of {@link FallbackMapper}: one place instead of one annotation per operation. Registered by
 * {@code mp.openapi.filter}.
 */
public class DatabaseUnavailableResponses implements OASFilter {

  static final String DESCRIPTION =
      "DATABASE_UNAVAILABLE: the database is down or restarting; no signature was released;"
          + " retrying is safe (Retry-After)";

  @Override
  public Operation filterOperation(Operation operation) {
    APIResponses responses = operation.getResponses();
    if (responses == null) {
      return operation;
    }
    APIResponse unavailable = responses.getAPIResponse("503");
    if (unavailable == null) {
      responses.addAPIResponse(
          "503",
          OASFactory.createAPIResponse()
              .description(DESCRIPTION)
              .content(
                  OASFactory.createContent()
                      .addMediaType(
                          jakarta.ws.rs.core.MediaType.APPLICATION_JSON,
                          OASFactory.createMediaType()
                              .schema(
                                  OASFactory.createSchema()
                                      .ref("#/components/schemas/ErrorBody")))));
    } else if (unavailable.getDescription() == null
        || !unavailable.getDescription().contains("DATABASE_UNAVAILABLE")) {
      unavailable.description(
          (unavailable.getDescription() == null ? "" : unavailable.getDescription() + "; ")
              + DESCRIPTION);
    }
    return operation;
  }
}
