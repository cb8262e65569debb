package dev.cachet.it;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for the tests: speaks to the node as an outside client would. */
public final class Http {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final URI base;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  public Http(URL base) {
    this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
  }

  public URI uri(String path) {
    return base.resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT);
  }

  public HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(request.method() + " " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<byte[]> get(String path) {
    return send(request(path).GET().build());
  }

  public HttpResponse<byte[]> head(String path) {
    return send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
  }

  /** PUT with a Content-Length. */
  public HttpResponse<byte[]> putBytes(String path, byte[] body) {
    return send(
        request(path)
            .header("Content-Type", "application/octet-stream")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  /** PUT with no Content-Length (chunked transfer encoding). */
  public HttpResponse<byte[]> putChunked(String path, byte[] body) {
    return send(
        request(path)
            .header("Content-Type", "application/octet-stream")
            .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build());
  }

  /** POST of a JSON body, with the admin token if one is given. */
  public HttpResponse<byte[]> postJson(String path, String json, String bearer) {
    HttpRequest.Builder request =
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return send(request.build());
  }

  /** PUT of a JSON body, with the admin token if one is given. */
  public HttpResponse<byte[]> putJson(String path, String json, String bearer) {
    HttpRequest.Builder request =
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return send(request.build());
  }

  public HttpResponse<byte[]> postJson(String path, String json) {
    return postJson(path, json, null);
  }

  /** GET with the admin token. */
  public HttpResponse<byte[]> get(String path, String bearer) {
    return send(request(path).header("Authorization", "Bearer " + bearer).GET().build());
  }

  /** DELETE with the admin token. */
  public HttpResponse<byte[]> delete(String path, String bearer) {
    return send(request(path).header("Authorization", "Bearer " + bearer).DELETE().build());
  }

  public static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
