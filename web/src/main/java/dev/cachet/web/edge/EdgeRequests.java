package dev.cachet.web.edge;

import dev.cachet.web.error.ErrorWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** What the edge filters read from a servlet request and how they answer one. */
final class EdgeRequests {

  private EdgeRequests() {}

  /** The path within the application, decoded and normalised as the container mapped it. */
  static String path(HttpServletRequest request) {
    String info = request.getPathInfo();
    return request.getServletPath() + (info == null ? "" : info);
  }

  /** Whether the request declares a body: a positive Content-Length, or a chunked one. */
  static boolean hasBody(HttpServletRequest request) {
    if (request.getContentLengthLong() > 0) {
      return true;
    }
    String encoding = request.getHeader("Transfer-Encoding");
    return encoding != null
        && !encoding.isBlank()
        && !encoding.strip().equalsIgnoreCase("identity");
  }

  static void answer(HttpServletResponse response, Refusal refusal) throws IOException {
    refusal.allow().ifPresent(methods -> response.setHeader("Allow", methods));
    refusal
        .retryAfterSeconds()
        .ifPresent(seconds -> response.setHeader("Retry-After", Long.toString(seconds)));
    if (refusal.closeConnection()) {
      response.setHeader("Connection", "close");
    }
    ErrorWriter.write(response, refusal.status(), refusal.body());
  }
}
