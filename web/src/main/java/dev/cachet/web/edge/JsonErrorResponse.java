package dev.cachet.web.edge;

import dev.cachet.web.error.ContainerErrors;
import dev.cachet.web.error.ErrorWriter;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * The response of a request whose body the edge read: Payara applies no error page to an async
 * dispatch, so a {@code sendError} there (the JAX-RS runtime refusing a malformed header before a
 * mapper runs) would leave an empty body. Here it writes the JSON error body itself.
 */
final class JsonErrorResponse extends HttpServletResponseWrapper {

  JsonErrorResponse(HttpServletResponse response) {
    super(response);
  }

  @Override
  public void sendError(int status) throws IOException {
    ErrorWriter.write(this, status, ContainerErrors.of(status));
    flushBuffer();
  }

  @Override
  public void sendError(int status, String message) throws IOException {
    sendError(status); // the container's sentence may name internals: the node's own is sent
  }
}
