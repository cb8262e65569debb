package dev.cachet.web.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.error.CachetException;
import dev.cachet.error.CorruptStateException;
import dev.cachet.error.InvalidRequestException;
import dev.cachet.error.PeerFaultException;
import dev.cachet.error.RetryLaterException;
import dev.cachet.error.UnknownResourceException;
import dev.cachet.web.RequestTimeoutException;
import dev.cachet.web.keys.KeyRequests;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The exception mappers answer every failure with its one status and the JSON error body, and add
 * the headers a client acts on: {@code Retry-After} for "not yet", {@code Connection: close} for a
 * body too slow, {@code Allow} for a wrong method. Internals never reach the body.
 */
class ExceptionMappersTest {

  private static ErrorBody body(Response response) {
    assertThat(response.getMediaType()).isEqualTo(MediaType.APPLICATION_JSON_TYPE);
    return (ErrorBody) response.getEntity();
  }

  private static Response core(CachetException e) {
    return new CachetExceptionMapper().toResponse(e);
  }

  @Test
  void answersInvalidInputWith400AndItsCode() {
    Response response = core(new InvalidRequestException("INVALID_HASH", "not a hash"));
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(body(response)).isEqualTo(new ErrorBody("INVALID_HASH", "not a hash"));
    assertThat(response.getHeaderString("Retry-After")).isNull();
    assertThat(response.getHeaderString("Connection")).isNull();
  }

  @Test
  void answersUnknownWith404() {
    Response response = core(new UnknownResourceException("KEY_NOT_FOUND", "no such key"));
    assertThat(response.getStatus()).isEqualTo(404);
    assertThat(body(response).error()).isEqualTo("KEY_NOT_FOUND");
  }

  @Test
  void tellsANotYetFailureWhenToRetryInWholeSecondsRoundedUp() {
    Response response =
        core(new RetryLaterException("KEY_NOT_PREPARED", "preparing", Duration.ofMillis(1500)));
    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("2");
    assertThat(body(response)).isEqualTo(new ErrorBody("KEY_NOT_PREPARED", "preparing"));
  }

  @Test
  void closesTheConnectionAfterABodyTooSlow() {
    Response response = core(new RequestTimeoutException("the body stalled", null));
    assertThat(response.getStatus()).isEqualTo(408);
    assertThat(response.getHeaderString("Connection")).isEqualTo("close");
    assertThat(body(response).error()).isEqualTo("REQUEST_TIMEOUT");
  }

  @Test
  void namesThePeersAtFault() {
    Response response = core(new PeerFaultException("they lied", List.of("node-b", "node-c")));
    assertThat(response.getStatus()).isEqualTo(502);
    assertThat(body(response).error()).isEqualTo("PEER_FAULT");
    assertThat(body(response).peers()).containsExactly("node-b", "node-c");
  }

  @Test
  void answersCorruptStateWith500AndItsOwnCode() {
    Response response = core(new CorruptStateException("STATE_CORRUPT", "bad tag"));
    assertThat(response.getStatus()).isEqualTo(500);
    assertThat(body(response)).isEqualTo(new ErrorBody("STATE_CORRUPT", "bad tag"));
  }

  @Test
  void answersAFailureOfNoFamilyAsABugWithoutItsMessage() {
    Response response = core(new CachetException("SECRET_DETAIL", "internal detail") {});
    assertThat(response.getStatus()).isEqualTo(500);
    assertThat(body(response).error()).isEqualTo("INTERNAL_ERROR");
    assertThat(body(response).message())
        .startsWith("internal error, incident ")
        .doesNotContain("internal detail");
  }

  @Test
  void answersAViolatedConstraintWithItsErrorCode() {
    try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
      Set<?> violations =
          factory.getValidator().validate(new KeyRequests.Generate(null, "PROPOSAL", 8, 2, 0L));
      @SuppressWarnings("unchecked")
      Response response =
          new ConstraintViolationMapper()
              .toResponse(
                  new ConstraintViolationException(
                      (Set<jakarta.validation.ConstraintViolation<?>>) violations));
      assertThat(response.getStatus()).isEqualTo(400);
      assertThat(body(response))
          .isEqualTo(new ErrorBody("INVALID_VALIDATOR_INDEX", "validatorIndex is required"));
    }
  }

  @Test
  void answersAConstraintExceptionWithoutViolationsWithTheDefaultCode() {
    Response response =
        new ConstraintViolationMapper().toResponse(new ConstraintViolationException(Set.of()));
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(body(response).error()).isEqualTo("INVALID_REQUEST");
  }

  @Test
  void answersTheRuntimesRefusalsInTheSameShape() {
    WebApplicationExceptionMapper mapper = new WebApplicationExceptionMapper();
    Response notFound = mapper.toResponse(new NotFoundException());
    assertThat(notFound.getStatus()).isEqualTo(404);
    assertThat(body(notFound)).isEqualTo(new ErrorBody("NOT_FOUND", "no resource at this path"));

    Response malformed = mapper.toResponse(new BadRequestException());
    assertThat(malformed.getStatus()).isEqualTo(400);
    assertThat(body(malformed)).isEqualTo(new ErrorBody("MALFORMED_REQUEST", "bad request"));
  }

  @Test
  void keepsTheAllowHeaderOfAWrongMethod() {
    Response response =
        new WebApplicationExceptionMapper()
            .toResponse(new NotAllowedException("GET", new String[] {"HEAD"}));
    assertThat(response.getStatus()).isEqualTo(405);
    assertThat(body(response).error()).isEqualTo("METHOD_NOT_ALLOWED");
    assertThat(response.getHeaderString("Allow")).contains("GET").contains("HEAD");
  }

  @Test
  void answersTheRuntimesOwnServerErrorsAsABug() {
    Response response =
        new WebApplicationExceptionMapper().toResponse(new ServiceUnavailableException());
    assertThat(response.getStatus()).isEqualTo(500);
    assertThat(body(response).error()).isEqualTo("INTERNAL_ERROR");
  }

  @Test
  void answersTheDatabaseDownWith503AndRetryAfter() {
    Response response =
        new FallbackMapper()
            .toResponse(
                new IllegalStateException(
                    "commit failed", new SQLTransientConnectionException("pool exhausted")));
    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeaderString("Retry-After"))
        .isEqualTo(String.valueOf(FallbackMapper.DATABASE_RETRY_SECONDS));
    assertThat(body(response).error()).isEqualTo("DATABASE_UNAVAILABLE");
  }

  @Test
  void answersABeanLockNotHadInTimeWith503AndRetryAfter() {
    for (Throwable timedOut :
        List.of(
            new jakarta.ejb.ConcurrentAccessTimeoutException("WRITE lock held"),
            new jakarta.ejb.EJBException(
                new jakarta.ejb.ConcurrentAccessTimeoutException("WRITE lock held")))) {
      Response response = new FallbackMapper().toResponse(timedOut);
      assertThat(response.getStatus()).isEqualTo(503);
      assertThat(response.getHeaderString("Retry-After"))
          .isEqualTo(String.valueOf(FallbackMapper.BUSY_RETRY_SECONDS));
      assertThat(body(response).error()).isEqualTo("SERVER_BUSY");
    }
  }

  @Test
  void answersAnythingElseWith500AndAnIncidentIdOnly() {
    Response response = new FallbackMapper().toResponse(new IllegalStateException("a secret"));
    assertThat(response.getStatus()).isEqualTo(500);
    assertThat(response.getHeaderString("Retry-After")).isNull();
    assertThat(body(response).error()).isEqualTo("INTERNAL_ERROR");
    assertThat(body(response).message())
        .matches("internal error, incident [0-9a-f-]{36}")
        .doesNotContain("a secret");
  }
}
