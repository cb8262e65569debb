package dev.cachet.web.error;

import jakarta.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes the JSON error body straight to a servlet response, for the answers given outside JAX-RS
 * (servlet filters, the error page): the same {@code {"error": CODE, "message": …}} the exception
 * mappers send.
 */
public final class ErrorWriter {

  private ErrorWriter() {}

  /** Replaces whatever the response held with the error; does nothing once it is committed. */
  public static void write(HttpServletResponse response, int status, ErrorBody error)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    byte[] json =
        Json.createObjectBuilder()
            .add("error", error.error())
            .add("message", error.message())
            .build()
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType("application/json");
    response.setContentLength(json.length);
    response.getOutputStream().write(json);
  }
}
