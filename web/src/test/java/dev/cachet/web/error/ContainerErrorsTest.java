package dev.cachet.web.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The container's own statuses get the codes the JAX-RS mapper gives the same statuses. */
class ContainerErrorsTest {

  @Test
  void namesTheStatusesTheMapperNames() {
    assertThat(ContainerErrors.of(400).error()).isEqualTo("MALFORMED_REQUEST");
    assertThat(ContainerErrors.of(404).error()).isEqualTo("NOT_FOUND");
    assertThat(ContainerErrors.of(405).error()).isEqualTo("METHOD_NOT_ALLOWED");
    assertThat(ContainerErrors.of(406).error()).isEqualTo("NOT_ACCEPTABLE");
    assertThat(ContainerErrors.of(408).error()).isEqualTo("REQUEST_TIMEOUT");
    assertThat(ContainerErrors.of(413).error()).isEqualTo("TOO_LARGE");
    assertThat(ContainerErrors.of(415).error()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void anyOtherClientErrorIsABadRequestAndEveryServerErrorInternal() {
    assertThat(ContainerErrors.of(418).error()).isEqualTo("BAD_REQUEST");
    assertThat(ContainerErrors.of(500).error()).isEqualTo("INTERNAL_ERROR");
    assertThat(ContainerErrors.of(503).error()).isEqualTo("INTERNAL_ERROR");
    assertThat(ContainerErrors.of(200).error()).isEqualTo("INTERNAL_ERROR");
  }
}
