package dev.cachet.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Predicate;

/** The validator-key API as a validator client and an operator use it. */
public final class KeyClient {

  private static final Duration POLL = Duration.ofMillis(100);

  private final Http http;
  private final String adminToken;

  public KeyClient(Http http, String adminToken) {
    this.http = http;
    this.adminToken = adminToken;
  }

  public Http http() {
    return http;
  }

  public String adminToken() {
    return adminToken;
  }

  public long currentSlot() {
    HttpResponse<byte[]> chain = http.get("api/v1/chain");
    assertThat(chain.statusCode()).as(Http.text(chain)).isEqualTo(200);
    return Json.object(chain).getJsonNumber("currentSlot").longValue();
  }

  /** Waits (bounded) until the node's clock reaches {@code slot}. */
  public long awaitSlot(long slot, Duration timeout) {
    return poll(this::currentSlot, s -> s >= slot, timeout, "slot " + slot);
  }

  public HttpResponse<byte[]> generate(long validator, String role, int height, int layers) {
    return generate(validator, role, height, layers, null);
  }

  /** Generates a key; {@code activationSlot} null for the current slot. */
  public HttpResponse<byte[]> generate(
      long validator, String role, int height, int layers, Long activationSlot) {
    return http.postJson(
        "api/v1/admin/keys",
        "{\"validatorIndex\":"
            + validator
            + ",\"role\":\""
            + role
            + "\",\"height\":"
            + height
            + ",\"layers\":"
            + layers
            + (activationSlot == null ? "" : ",\"activationSlot\":" + activationSlot)
            + "}",
        adminToken);
  }

  public JsonObject key(long validator, String role) {
    HttpResponse<byte[]> key = http.get("api/v1/keys/" + validator + "/" + role);
    assertThat(key.statusCode()).as(Http.text(key)).isEqualTo(200);
    return Json.object(key);
  }

  /**
   * Waits (bounded) until the key is served in {@code state}; a key this node has not loaded yet
   * (404) is waited for too.
   */
  public JsonObject awaitServed(long validator, String role, String state, Duration timeout) {
    return poll(
        () -> {
          HttpResponse<byte[]> key = http.get("api/v1/keys/" + validator + "/" + role);
          return key.statusCode() == 200 ? Json.object(key) : null;
        },
        k -> k != null && state.equals(k.getString("state")),
        timeout,
        "served " + state);
  }

  /** Waits (bounded) until the key is in {@code state}. */
  public JsonObject awaitState(long validator, String role, String state, Duration timeout) {
    return poll(
        () -> key(validator, role), k -> state.equals(k.getString("state")), timeout, state);
  }

  public HttpResponse<byte[]> attest(long validator, long slot, String messageHex) {
    return http.postJson(
        "api/v1/validators/" + validator + "/attestations",
        "{\"slot\":" + slot + ",\"message\":\"" + messageHex + "\"}");
  }

  public HttpResponse<byte[]> propose(long validator, long slot, String rootHex) {
    return http.postJson(
        "api/v1/validators/" + validator + "/blocks",
        "{\"slot\":" + slot + ",\"blockRoot\":\"" + rootHex + "\"}");
  }

  /** The signature bytes of a 200 answer. */
  public static byte[] signature(HttpResponse<byte[]> signed) {
    assertThat(signed.statusCode()).as(Http.text(signed)).isEqualTo(200);
    return HexFormat.of().parseHex(Json.object(signed).getString("signature"));
  }

  private static <T> T poll(
      java.util.function.Supplier<T> read, Predicate<T> done, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T value = read.get();
    while (!done.test(value)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not " + what + " within " + timeout + ": " + value);
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      value = read.get();
    }
    return value;
  }
}
