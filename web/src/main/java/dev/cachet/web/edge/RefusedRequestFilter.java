package dev.cachet.web.edge;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Answers, in JSON and before any servlet runs, the requests no resource of the node takes ({@link
 * EdgeRules#refusal}). Mapped to every path in WEB-INF/web.xml, ahead of {@link BodyReadingFilter},
 * so that Payara's health, metrics and OpenAPI servlets, registered in this root context, are
 * covered too; with TRACE passed on by the listener (resources/preboot.asadmin) this filter is what
 * keeps TRACE from echoing a request. On the peer listener ({@code cachet.peer.port}) it also
 * refuses, as not found, every path but the peer API and the public reads peers need. What it lets
 * through to a static file (the status page) gets the page's security headers ({@link
 * EdgeRules#STATIC_HEADERS}).
 */
public class RefusedRequestFilter extends HttpFilter {

  /** The peer listener's port ({@code cachet.peer.port}), or 0 when there is none. */
  private int peerPort;

  @Override
  public void init() {
    peerPort =
        ConfigProvider.getConfig().getOptionalValue("cachet.peer.port", Integer.class).orElse(0);
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = EdgeRequests.path(request);
    Optional<Refusal> refusal =
        EdgeRules.refusal(request.getMethod(), path, EdgeRequests.hasBody(request));
    if (refusal.isEmpty() && peerPort > 0 && request.getLocalPort() == peerPort) {
      refusal = EdgeRules.peerListenerRefusal(request.getMethod(), path);
    }
    if (refusal.isPresent()) {
      EdgeRequests.answer(response, refusal.get());
      return;
    }
    EdgeRules.headers(path).forEach(response::setHeader);
    chain.doFilter(request, response);
  }
}
