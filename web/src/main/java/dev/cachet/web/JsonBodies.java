package dev.cachet.web;

import dev.cachet.error.InvalidRequestException;
import dev.cachet.web.edge.BodyLimits;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Reads JSON request bodies itself rather than through the runtime's binding, so that every bad
 * body gets the node's own answer: more than {@value #MAX_BYTES} bytes (or the resource's own
 * limit, see {@link BodyLimits}) is 413 {@code BODY_TOO_LARGE} (detected while reading, whatever
 * Content-Length says), anything that is not the expected JSON is 400 {@code MALFORMED_JSON}, a
 * whole-number field that is not an exact integer is 400 {@code INVALID_NUMBER} ({@link
 * ExactNumbers}), a body that ends early (the client closed) is 400 {@code BODY_UNREADABLE}, one
 * that stalls past the read bound is 408 {@code REQUEST_TIMEOUT} ({@link TimedBodies}), and nothing
 * is read past the limit.
 */
@ApplicationScoped
public class JsonBodies {

  /** Largest JSON request body: requests are a few hex fields. */
  public static final int MAX_BYTES = BodyLimits.JSON_MAX_BYTES;

  private final Jsonb jsonb = JsonbBuilder.create();

  /**
   * One reader factory: {@code Json.createReader} looks the JSON-P provider up (a service-loader
   * scan of the class path) on every call, which the metadata benchmark found on every request.
   * Made with the bean, like {@link #jsonb}, so the provider is the application's.
   */
  private final JsonReaderFactory readers = Json.createReaderFactory(java.util.Map.of());

  @Inject private Validator validator;

  /**
   * The body as a {@code type}, never null, its Bean Validation constraints met.
   *
   * @throws ConstraintViolationException if they are not (400 with the constraint's code)
   */
  public <T> T read(InputStream body, Class<T> type) {
    return read(body, type, MAX_BYTES);
  }

  /**
   * The body, of at most {@code maxBytes}, as a {@code type}, never null, its constraints met.
   *
   * @throws ConstraintViolationException if they are not (400 with the constraint's code)
   */
  public <T> T read(InputStream body, Class<T> type, int maxBytes) {
    T value = bind(body, type, maxBytes);
    Set<ConstraintViolation<T>> violations = validator.validate(value);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    return value;
  }

  private <T> T bind(InputStream body, Class<T> type, int maxBytes) {
    byte[] bytes = bounded(body, maxBytes);
    String text = new String(bytes, StandardCharsets.UTF_8);
    ExactNumbers.check(object(text), type);
    try {
      T value = jsonb.fromJson(text, type);
      if (value == null) {
        throw new InvalidRequestException(
            "MALFORMED_JSON", "the request body must be a JSON object");
      }
      return value;
    } catch (JsonbException e) {
      throw new InvalidRequestException(
          "MALFORMED_JSON", "the request body is not the expected JSON object");
    }
  }

  /** The body as a JSON object, or 400 {@code MALFORMED_JSON}. */
  private JsonObject object(String text) {
    try (JsonReader reader = readers.createReader(new StringReader(text))) {
      return reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new InvalidRequestException("MALFORMED_JSON", "the request body must be a JSON object");
    }
  }

  private static byte[] bounded(InputStream body, int maxBytes) {
    if (body == null) {
      return new byte[0];
    }
    try {
      byte[] bytes = body.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw BodyLimits.jsonTooLarge(maxBytes);
      }
      return bytes;
    } catch (IOException e) {
      if (TimedBodies.timedOut(e)) {
        throw TimedBodies.timeout(e);
      }
      // The client closed before the body was complete: its fault, not a bug, and
      // no stack trace for anyone to flood the log with.
      throw new InvalidRequestException(
          "BODY_UNREADABLE", "the request body ended before its length or could not be read");
    }
  }

  @PreDestroy
  void close() {
    try {
      jsonb.close();
    } catch (Exception e) {
      // nothing to release that matters at shutdown
    }
  }
}
