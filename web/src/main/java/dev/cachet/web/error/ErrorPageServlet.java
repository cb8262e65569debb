package dev.cachet.web.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's error page (WEB-INF/web.xml names it for every status and exception): whatever in the
 * root context refuses a request with {@code sendError} or fails with an exception (the JAX-RS
 * runtime before a mapper runs, the static-file servlet, Payara's health, metrics and OpenAPI
 * servlets) answers in the JSON shape of {@link ErrorBody} instead of Payara's HTML page. A failure
 * with an exception is logged with an incident id, as {@link FallbackMapper} does.
 */
@WebServlet(ErrorPageServlet.PATH)
public class ErrorPageServlet extends HttpServlet {

  static final String PATH = "/_error";

  private static final Logger LOG = Logger.getLogger(ErrorPageServlet.class.getName());

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    if (!(status instanceof Integer code)) {
      // Asked for directly, not as an error page: there is nothing at this path.
      ErrorWriter.write(response, 404, ContainerErrors.of(404));
      return;
    }
    ErrorBody error = ContainerErrors.of(code);
    Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    if (failure instanceof Throwable thrown) {
      String incident = UUID.randomUUID().toString();
      LOG.log(Level.SEVERE, "unhandled failure, incident " + incident, thrown);
      error = new ErrorBody(error.error(), error.message() + ", incident " + incident);
    }
    ErrorWriter.write(response, code >= 400 ? code : 500, error);
  }
}
