package dev.cachet.web.blob;

import dev.cachet.blob.Blob;
import dev.cachet.blob.BlobHash;
import dev.cachet.blob.CachedBlobs;
import dev.cachet.blob.ejb.BlobStoreBean;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * The hot read path: a {@code GET /api/v1/blobs/{hash}} whose blob is in memory is answered here,
 * before JAX-RS, with exactly the headers {@link BlobResource} sends. Everything else (other
 * methods, malformed ids, blobs not in memory) passes on to {@link BlobResource}, which owns the
 * errors and the read from storage. Peers fetch the same metadata blobs over and over; answering
 * them costs a map lookup and one write, where the JAX-RS stack costs several times the request.
 */
@WebFilter(urlPatterns = CachedBlobFilter.BLOB_PATHS, asyncSupported = true)
public class CachedBlobFilter extends HttpFilter {

  static final String BLOB_PATHS = "/api/v1/blobs/*";

  private static final String BLOB_PREFIX = "/api/v1/blobs/";
  private static final int HASH_HEX_LENGTH = 2 * BlobHash.LENGTH;

  @Inject private BlobStoreBean blobStore;

  private volatile CachedBlobs cachedBlobs;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Optional<Blob> hit = "GET".equals(request.getMethod()) ? cachedBlob(request) : Optional.empty();
    if (hit.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    Blob blob = hit.get();
    response.setHeader("ETag", BlobHttp.etag(blob.hash()));
    response.setHeader("Cache-Control", BlobHttp.CACHE_CONTROL);
    if (BlobHttp.ifNoneMatchNames(request.getHeader("If-None-Match"), blob.hash())) {
      response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      return;
    }
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(BlobHttp.OCTET_STREAM);
    response.setContentLength(blob.size());
    blob.writeTo(response.getOutputStream());
  }

  private Optional<Blob> cachedBlob(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.length() != BLOB_PREFIX.length() + HASH_HEX_LENGTH || !path.startsWith(BLOB_PREFIX)) {
      return Optional.empty();
    }
    BlobHash hash;
    try {
      hash = BlobHash.parse(path.substring(BLOB_PREFIX.length()));
    } catch (RuntimeException malformed) {
      return Optional.empty(); // the resource answers it with INVALID_HASH
    }
    return cachedBlobs().cached(hash);
  }

  private CachedBlobs cachedBlobs() {
    CachedBlobs view = cachedBlobs;
    if (view == null) {
      view = blobStore.cachedBlobs();
      cachedBlobs = view;
    }
    return view;
  }
}
