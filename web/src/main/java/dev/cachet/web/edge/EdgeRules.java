package dev.cachet.web.edge;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which requests the node refuses at its edge, before any body is read. Dynamic content lives under
 * {@code /api}, {@code /health}, {@code /metrics} and {@code /openapi}; everything else is static
 * files (the status page), which take only GET, HEAD and OPTIONS and carry {@link #STATIC_HEADERS}.
 * TRACE is refused everywhere: it would echo the request's headers (the admin token among them) to
 * a script. A body is refused on the methods that carry none, as Payara does, but in JSON.
 */
public final class EdgeRules {

  static final String BLOBS = "/api/v1/blobs";
  static final String PEER = "/api/v1/peer";
  static final String ADMIN_METADATA = "/api/v1/admin/metadata";

  private static final List<String> DYNAMIC_ROOTS =
      List.of("/api", "/health", "/metrics", "/openapi");
  private static final Set<String> WITHOUT_BODY = Set.of("GET", "HEAD", "DELETE", "OPTIONS");
  private static final Set<String> STATIC_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  private static final String STATIC_ALLOW = "GET, HEAD, OPTIONS";

  private EdgeRules() {}

  /**
   * The refusal of a request, if the edge refuses it.
   *
   * @param path the request path within the application, as the container mapped it
   * @param hasBody whether the request declares a body (a positive length, or chunked)
   */
  public static Optional<Refusal> refusal(String method, String path, boolean hasBody) {
    String verb = method.toUpperCase(Locale.ROOT);
    if (verb.equals("TRACE")) {
      return Optional.of(
          Refusal.of(405, "METHOD_NOT_ALLOWED", "TRACE is not allowed on this node").closing());
    }
    if (hasBody && WITHOUT_BODY.contains(verb)) {
      return Optional.of(
          Refusal.of(400, "MALFORMED_REQUEST", "a " + verb + " request carries no body").closing());
    }
    if (!isDynamic(path) && !STATIC_METHODS.contains(verb)) {
      return Optional.of(
          Refusal.of(405, "METHOD_NOT_ALLOWED", "this method is not allowed on this resource")
              .allowing(STATIC_ALLOW)
              .closing());
    }
    return Optional.empty();
  }

  /** What peers read from a node (the rest of the peer listener's API is under {@link #PEER}). */
  private static final List<String> PEER_READS =
      List.of(
          BLOBS,
          "/api/v1/committees",
          "/api/v1/metadata",
          "/api/v1/handoff/certificates",
          "/api/v1/checkpoints");

  /**
   * The refusal of a request that came in on the peer listener: it serves {@code /api/v1/peer/**}
   * and the public reads peers need (GET and HEAD of blobs, committees, metadata, certificates);
   * every other path there does not exist (404), so that signing, digests and admin are never
   * reachable from the network.
   */
  public static Optional<Refusal> peerListenerRefusal(String method, String path) {
    String verb = method.toUpperCase(Locale.ROOT);
    if (under(path, PEER)) {
      return Optional.empty();
    }
    boolean read = verb.equals("GET") || verb.equals("HEAD");
    if (read && PEER_READS.stream().anyMatch(root -> under(path, root))) {
      return Optional.empty();
    }
    return Optional.of(
        Refusal.of(404, "NOT_FOUND", "no resource at this path on the peer listener").closing());
  }

  static boolean under(String path, String root) {
    return path.equals(root) || path.startsWith(root + "/");
  }

  /**
   * The headers of every static file (the status page and its scripts): the page runs only its own
   * scripts and styles and reads only this node (a value from the API can never run as script, nor
   * send the admin token elsewhere), is never framed, sends no referrer, and is revalidated on each
   * load, so an upgraded node never runs a cached script of the old one.
   */
  public static final Map<String, String> STATIC_HEADERS =
      Map.of(
          "Content-Security-Policy",
          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
              + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
          "X-Content-Type-Options",
          "nosniff",
          "Referrer-Policy",
          "no-referrer",
          "Cache-Control",
          "no-cache");

  /** The headers the edge adds to the answer to {@code path}: {@link #STATIC_HEADERS} or none. */
  public static Map<String, String> headers(String path) {
    return isDynamic(path) ? Map.of() : STATIC_HEADERS;
  }

  private static boolean isDynamic(String path) {
    return DYNAMIC_ROOTS.stream().anyMatch(root -> under(path, root));
  }
}
