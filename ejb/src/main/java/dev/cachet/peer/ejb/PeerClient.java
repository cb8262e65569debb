package dev.cachet.peer.ejb;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * The node's one HTTP client for its peers: the Jakarta REST client with the configured connect and
 * read timeouts ({@code cachet.peer.connect-timeout-millis}, {@code
 * cachet.peer.read-timeout-millis}), and MicroProfile Fault Tolerance retrying, with backoff and
 * jitter, a call that got no usable answer (never one the peer refused with a 4xx). Callers run it
 * on the peer executor, never on a request or preparation thread. JSON is mapped with JSON-B to the
 * wire records every capability shares with its resources.
 */
@ApplicationScoped
public class PeerClient {

  @Inject
  @ConfigProperty(name = "cachet.peer.connect-timeout-millis")
  long connectTimeoutMillis;

  @Inject
  @ConfigProperty(name = "cachet.peer.read-timeout-millis")
  long readTimeoutMillis;

  private Client client;
  private Jsonb jsonb;

  @PostConstruct
  void start() {
    client =
        ClientBuilder.newBuilder()
            .connectTimeout(connectTimeoutMillis, TimeUnit.MILLISECONDS)
            .readTimeout(readTimeoutMillis, TimeUnit.MILLISECONDS)
            .build();
    jsonb = JsonbBuilder.create();
  }

  @PreDestroy
  void stop() {
    client.close();
    try {
      jsonb.close();
    } catch (Exception e) {
      // nothing held that matters at shutdown
    }
  }

  /** POSTs {@code body} as JSON and reads the answer as {@code answer}. */
  @Retry(maxRetries = 2, delay = 100, jitter = 50, retryOn = PeerUnavailableException.class)
  public <T> T postJson(URI base, String path, Object body, Class<T> answer) {
    try (Response response =
        client
            .target(base)
            .path(path)
            .request(MediaType.APPLICATION_JSON_TYPE)
            .post(Entity.entity(jsonb.toJson(body), MediaType.APPLICATION_JSON_TYPE))) {
      return json(response, answer, base, path);
    } catch (ProcessingException e) {
      throw unavailable(base, path, e);
    }
  }

  /** A peer's answer to {@link #exchange}: the wire record, or the error code it refused with. */
  public record Answer<T>(T value, int status, String errorCode) {
    public boolean ok() {
      return value != null;
    }
  }

  /**
   * POSTs {@code body} as JSON once (no retry: the caller's protocol decides what to do next) and
   * reads a 2xx answer as {@code answer}, or a 4xx or 503 JSON error body's code.
   *
   * @throws PeerUnavailableException if no usable answer came (no connection, another 5xx, an
   *     answer that is not the wire record)
   */
  public <T> Answer<T> exchange(URI base, String path, Object body, Class<T> answer) {
    try (Response response =
        client
            .target(base)
            .path(path)
            .request(MediaType.APPLICATION_JSON_TYPE)
            .post(Entity.entity(jsonb.toJson(body), MediaType.APPLICATION_JSON_TYPE))) {
      int status = response.getStatus();
      if (status >= 200 && status < 300) {
        return new Answer<>(json(response, answer, base, path), status, null);
      }
      if ((status >= 400 && status < 500) || status == 503) {
        return new Answer<>(null, status, errorCode(response.readEntity(String.class)));
      }
      throw new PeerUnavailableException(base + "/" + path + " answered " + status, null);
    } catch (ProcessingException e) {
      throw unavailable(base, path, e);
    }
  }

  /** The {@code error} field of a JSON error body, or {@code UNKNOWN}. */
  private String errorCode(String text) {
    try {
      ErrorCode parsed = jsonb.fromJson(text, ErrorCode.class);
      return parsed == null || parsed.error == null ? "UNKNOWN" : parsed.error;
    } catch (JsonbException e) {
      return "UNKNOWN";
    }
  }

  /** The code field of the JSON error body every Cachet node answers with. */
  public static final class ErrorCode {
    public String error;
  }

  /** GETs JSON as {@code type}. */
  @Retry(maxRetries = 2, delay = 100, jitter = 50, retryOn = PeerUnavailableException.class)
  public <T> T getJson(URI base, String path, Class<T> type) {
    try (Response response =
        client.target(base).path(path).request(MediaType.APPLICATION_JSON_TYPE).get()) {
      return json(response, type, base, path);
    } catch (ProcessingException e) {
      throw unavailable(base, path, e);
    }
  }

  /**
   * GETs at most {@code maxBytes} bytes; empty if the peer has nothing there (404).
   *
   * @throws PeerRefusedException for another 4xx, or a body longer than {@code maxBytes}
   */
  @Retry(maxRetries = 2, delay = 100, jitter = 50, retryOn = PeerUnavailableException.class)
  public Optional<byte[]> getBytes(URI base, String path, long maxBytes) {
    try (Response response =
        client.target(base).path(path).request(MediaType.APPLICATION_OCTET_STREAM_TYPE).get()) {
      int status = response.getStatus();
      if (status == 404) {
        return Optional.empty();
      }
      check(status, base, path);
      try (InputStream in = response.readEntity(InputStream.class)) {
        return Optional.of(bounded(in, maxBytes, base, path));
      }
    } catch (ProcessingException | IOException e) {
      throw unavailable(base, path, e);
    }
  }

  private <T> T json(Response response, Class<T> type, URI base, String path) {
    check(response.getStatus(), base, path);
    String text = response.readEntity(String.class);
    try {
      return jsonb.fromJson(text, type);
    } catch (JsonbException e) {
      throw new PeerRefusedException(
          response.getStatus(), base + "/" + path + " answered JSON that is not the wire record");
    }
  }

  private static void check(int status, URI base, String path) {
    if (status >= 500) {
      throw new PeerUnavailableException(base + "/" + path + " answered " + status, null);
    }
    if (status >= 300) {
      throw new PeerRefusedException(status, base + "/" + path + " answered " + status);
    }
  }

  private static byte[] bounded(InputStream in, long maxBytes, URI base, String path)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      total += n;
      if (total > maxBytes) {
        throw new PeerRefusedException(
            200, base + "/" + path + " sent more than the " + maxBytes + " bytes announced");
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static PeerUnavailableException unavailable(URI base, String path, Exception e) {
    return new PeerUnavailableException(base + "/" + path + ": " + e.getMessage(), e);
  }
}
