package dev.cachet.web.edge;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Answers, in JSON and before any servlet runs, the requests no resource of the node takes ({@link
 * EdgeRules#refusal}). Mapped to every path in WEB-INF/web.xml, ahead of {@link BodyReadingFilter},
 * so that Payara's health, metrics and OpenAPI servlets, registered in this root context, are
 * covered too; with TRACE passed on by the listener (resources/preboot.asadmin) this filter is what
 * keeps TRACE from echoing a request.
 */
public class RefusedRequestFilter extends HttpFilter {

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Optional<Refusal> refusal =
        EdgeRules.refusal(
            request.getMethod(), EdgeRequests.path(request), EdgeRequests.hasBody(request));
    if (refusal.isPresent()) {
      EdgeRequests.answer(response, refusal.get());
      return;
    }
    chain.doFilter(request, response);
  }
}
