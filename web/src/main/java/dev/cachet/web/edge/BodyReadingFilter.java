package dev.cachet.web.edge;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads every request body before its resource runs, off the HTTP worker threads and within {@code
 * cachet.http.body-timeout-seconds}: a client that sends its body slowly holds its own connection
 * and nothing else, so a few hundred of them cannot starve liveness or signing. A body over its
 * limit ({@link BodyLimits}) is refused on its declared length before anything is read. Requests
 * without a body pass straight on. At most {@code cachet.http.max-dispatched-requests} requests
 * read this way run at once ({@link DispatchPermits}). Mapped to every path in WEB-INF/web.xml for
 * the first dispatch only: the async dispatch that carries the buffered body on to its servlet does
 * not come back.
 */
public class BodyReadingFilter extends HttpFilter {

  @Inject
  @ConfigProperty(name = "cachet.http.body-timeout-seconds")
  private long bodyTimeoutSeconds;

  @Inject
  @ConfigProperty(name = "cachet.blob.max-size")
  private long blobMaxSize;

  @Inject
  @ConfigProperty(name = "cachet.http.max-dispatched-requests")
  private int maxDispatchedRequests;

  @Resource private ManagedScheduledExecutorService scheduler;

  private DispatchPermits permits;

  @Override
  public void init() throws ServletException {
    permits = new DispatchPermits(maxDispatchedRequests);
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!EdgeRequests.hasBody(request)) {
      chain.doFilter(request, response);
      return;
    }
    String method = request.getMethod();
    String path = EdgeRequests.path(request);
    BodyLimits limits = new BodyLimits(blobMaxSize);
    long limit = limits.limit(method, path);
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      EdgeRequests.answer(response, limits.tooLarge(method, path));
      return;
    }
    BufferedBodyRequest buffered = new BufferedBodyRequest(request);
    AsyncContext async = request.startAsync(buffered, new JsonErrorResponse(response));
    async.setTimeout(0); // the reader's own deadline bounds the read; the resource is not bounded
    DispatchPermits.Permit permit = permits.permit();
    async.addListener(permit); // now: the servlet API allows no listener after this returns
    Duration timeout = Duration.ofSeconds(Math.max(1, bodyTimeoutSeconds));
    BodyReader reader =
        new BodyReader(
            async,
            request.getInputStream(),
            buffered,
            response,
            new BodyBuffer(limit, declared),
            limits.tooLarge(method, path),
            timeout,
            permit);
    reader.deadline(
        scheduler.schedule(
            new BodyReader.Deadline(reader), timeout.toMillis(), TimeUnit.MILLISECONDS));
    request.getInputStream().setReadListener(reader);
  }
}
