package dev.cachet.it.micro;

import static dev.cachet.it.BlobApiChecks.isError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.it.Http;
import dev.cachet.it.Json;
import dev.cachet.it.KeyClient;
import dev.cachet.it.MicroNode;
import dev.cachet.it.StatusPageChecks;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP edge as a peer meets it (issue 10, findings 1 and 6): clients that send their bodies
 * slowly cost their own connections and never the node's liveness or signing, and every error the
 * container answers itself is the JSON error body. Starts its own Payara Micro process, with a
 * short body timeout, so that the slow clients also see their 408 within the test.
 */
class HttpEdgeIT {

  private static final Duration GENERATION = Duration.ofSeconds(60);

  /** The bound: liveness and signing answer within 2 s while the slow clients hold on. */
  private static final Duration ANSWER = Duration.ofSeconds(2);

  private static final int SLOW_CLIENTS = 200;
  private static final int BODY_TIMEOUT_SECONDS = 15;

  /** Longer than the body timeout: the slow clients are still sending when the node answers. */
  private static final Duration DRIBBLE = Duration.ofSeconds(BODY_TIMEOUT_SECONDS + 6);

  private static final long VALIDATOR = 600;
  private static final String ATTEST = "api/v1/validators/" + VALIDATOR + "/attestations";

  private static MicroNode node;
  private static Http http;
  private static KeyClient keys;

  private final Random random = new Random(10);

  @BeforeAll
  static void start() throws Exception {
    node =
        new MicroNode(
            Path.of(System.getProperty("cachet.edge-data-dir")),
            Map.of(
                "CACHET_STATE_KEY_PROVIDER",
                "env",
                "CACHET_STATE_KEY_HEX",
                "6e".repeat(32),
                "CACHET_CHAIN_SECONDS_PER_SLOT",
                "1",
                "CACHET_HTTP_BODY_TIMEOUT_SECONDS",
                Integer.toString(BODY_TIMEOUT_SECONDS)));
    node.start();
    http = node.http();
    keys = new KeyClient(http, node.adminToken());
    assertThat(keys.generate(VALIDATOR, "ATTESTATION", 8, 2).statusCode()).isEqualTo(202);
    keys.awaitState(VALIDATOR, "attestation", "ACTIVE", GENERATION);
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  private String message() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * A request that fails the test (HttpTimeoutException) unless answered within {@link #ANSWER}.
   */
  private static HttpResponse<byte[]> within2s(HttpRequest.Builder request) {
    return http.send(request.timeout(ANSWER).build());
  }

  @Test
  void answersLivenessAndSigningWhileTwoHundredClientsDribbleTheirBodies() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < SLOW_CLIENTS; i++) {
        Socket socket = new Socket("127.0.0.1", http.uri("/").getPort());
        socket.setSoTimeout(1);
        socket
            .getOutputStream()
            .write(
                ("POST /"
                        + ATTEST
                        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 200\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
        slow.add(socket);
      }
      int probes = 0;
      long end = System.nanoTime() + DRIBBLE.toNanos();
      while (System.nanoTime() < end) {
        for (Socket socket : slow) {
          dribble(socket);
        }
        HttpResponse<byte[]> live = within2s(http.request("health/live").GET());
        assertThat(live.statusCode()).as(Http.text(live)).isEqualTo(200);
        HttpResponse<byte[]> chain = within2s(http.request("api/v1/chain").GET());
        long slot = Json.object(chain).getJsonNumber("currentSlot").longValue();
        HttpResponse<byte[]> signed =
            within2s(
                http.request(ATTEST)
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"slot\":" + slot + ",\"message\":\"" + message() + "\"}")));
        assertThat(KeyClient.signature(signed)).isNotEmpty();
        probes++;
        Thread.sleep(2000);
      }
      assertThat(probes).isGreaterThanOrEqualTo(BODY_TIMEOUT_SECONDS / 3);

      int timedOut = 0;
      for (Socket socket : slow) {
        String answer = answer(socket);
        if (answer.startsWith("HTTP/1.1 408")) {
          assertThat(answer).containsIgnoringCase("Content-Type: application/json");
          JsonObject body = body(answer);
          assertThat(body.getString("error")).isEqualTo("REQUEST_TIMEOUT");
          assertThat(body.getString("message")).isNotBlank();
          timedOut++;
        }
      }
      assertThat(timedOut).as("slow clients answered 408 REQUEST_TIMEOUT").isPositive();
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
    }
  }

  /** One more body byte, unless the node has closed the connection already. */
  private static void dribble(Socket socket) {
    try {
      socket.getOutputStream().write(' ');
    } catch (IOException closedByTheNode) {
      // its answer (the 408) is read at the end
    }
  }

  /** What the node sent on a raw connection, read until it closes or 2 s pass without a byte. */
  private static String answer(Socket socket) throws IOException {
    socket.setSoTimeout((int) ANSWER.toMillis());
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[4096];
    try {
      for (int n; (n = in.read(buffer)) != -1; ) {
        received.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException | java.net.SocketException quietOrReset) {
      // what arrived is the answer
    }
    return received.toString(StandardCharsets.ISO_8859_1);
  }

  private static JsonObject body(String answer) {
    String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
    return jakarta.json.Json.createReader(
            new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1)))
        .readObject();
  }

  /** Sends {@code request} as is on a new connection and returns the answer. */
  private static String raw(String request) throws IOException {
    URI base = http.uri("/");
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return answer(socket);
    }
  }

  private static void isJsonError(String answer, int status, String code) {
    assertThat(answer).as(answer).startsWith("HTTP/1.1 " + status + " ");
    String headers = answer.substring(0, answer.indexOf("\r\n\r\n"));
    assertThat(headers).as(answer).containsIgnoringCase("\r\nContent-Type: application/json");
    JsonObject body = body(answer);
    assertThat(body.getString("error")).isEqualTo(code);
    assertThat(body.getString("message")).isNotBlank();
  }

  @Test
  void refusesMalformedContentTypeAndAcceptHeadersInJson() {
    isError(
        http.send(
            http.request(ATTEST)
                .header("Content-Type", "json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build()),
        400,
        "MALFORMED_REQUEST");
    isError(
        http.send(http.request("api/v1/chain").header("Accept", ";;;,,/").GET().build()),
        400,
        "MALFORMED_REQUEST");
  }

  @Test
  void answersPathsAndMethodsOutsideTheApiInJson() {
    isError(http.get("nope"), 404, "NOT_FOUND");
    HttpResponse<byte[]> deleteRoot = http.send(http.request("/").DELETE().build());
    isError(deleteRoot, 405, "METHOD_NOT_ALLOWED");
    assertThat(deleteRoot.headers().firstValue("Allow")).contains("GET, HEAD, OPTIONS");
    isError(
        http.send(http.request("/").POST(HttpRequest.BodyPublishers.ofString("x")).build()),
        405,
        "METHOD_NOT_ALLOWED");
    assertThat(http.get("/").statusCode()).isEqualTo(200); // the static page itself is served
  }

  @Test
  void servesTheStatusPageWithItsModulesAsJavaScriptAndItsSecurityHeaders() {
    StatusPageChecks.servesTheStatusPage(http);
  }

  @Test
  void payarasHealthMetricsAndOpenApiServletsAnswerErrorsInJson() {
    isError(http.send(http.request("health/live").DELETE().build()), 405, "METHOD_NOT_ALLOWED");
    isError(
        http.send(http.request("metrics").POST(HttpRequest.BodyPublishers.noBody()).build()),
        405,
        "METHOD_NOT_ALLOWED");
    isError(http.send(http.request("openapi").DELETE().build()), 405, "METHOD_NOT_ALLOWED");
    isError(
        http.send(http.request("openapi").header("Accept", "image/png").GET().build()),
        406,
        "NOT_ACCEPTABLE");
    // Their answers are unchanged.
    assertThat(http.get("health/ready").statusCode()).isEqualTo(200);
    assertThat(Json.object(http.get("health/ready")).getString("status")).isEqualTo("UP");
    assertThat(Http.text(http.get("metrics"))).contains("# TYPE");
    assertThat(Http.text(http.get("openapi"))).contains("/api/v1/validators/");
  }

  @Test
  void refusesTraceInJsonWithoutEchoingTheRequest() throws IOException {
    for (String path : new String[] {"/", "/api/v1/chain", "/health/live"}) {
      String answer =
          raw(
              "TRACE "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer secret-token\r\n"
                  + "Connection: close\r\n\r\n");
      isJsonError(answer, 405, "METHOD_NOT_ALLOWED");
      assertThat(answer).doesNotContain("secret-token");
    }
  }

  @Test
  void refusesAGetWithABodyInJson() throws IOException {
    isJsonError(
        raw(
            "GET /api/v1/chain HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n"
                + "Connection: close\r\n\r\nhello"),
        400,
        "MALFORMED_REQUEST");
    isJsonError(
        raw(
            "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
        400,
        "MALFORMED_REQUEST");
  }

  @Test
  void aHeaderTheHttpParserRefusesIsStill400() throws IOException {
    // Grizzly's parser refuses these before a request exists, so no part of the application can
    // answer them: they stay an empty 400 (README, known limits).
    assertThat(raw("GET /api/v1/chain HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Nul: a\0b\r\n\r\n"))
        .startsWith("HTTP/1.1 400 ");
    assertThat(
            raw(
                "GET /api/v1/chain HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
                    + "a".repeat(20_000)
                    + "\r\n\r\n"))
        .startsWith("HTTP/1.1 400 ");
  }

  /**
   * Bodies sent back to back on kept-alive connections (the Java client pools them, as peers' REST
   * clients do) all arrive: Payara runs the servlet read callbacks on its async pool, and one that
   * outlived its request touched the next request on the same connection (under load about one in a
   * thousand bodies was never seen, 408, or parsed as a request line, 505). A request whose body
   * the edge read therefore closes its connection.
   */
  @Test
  void bodiesBackToBackOnPooledConnectionsAllArriveAndEachAnswerClosesItsConnection()
      throws Exception {
    int threads = 8;
    int each = 40;
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicInteger kept =
        new java.util.concurrent.atomic.AtomicInteger();
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long seed = t;
      Thread sender =
          new Thread(
              () -> {
                Random bytes = new Random(seed);
                for (int i = 0; i < each; i++) {
                  byte[] body = new byte[64 * 1024];
                  bytes.nextBytes(body);
                  HttpResponse<byte[]> answer = http.putBytes("api/v1/blobs", body);
                  if (answer.statusCode() != 201) {
                    failures.add(answer.statusCode() + " " + Http.text(answer));
                  } else if (!answer
                      .headers()
                      .firstValue("Connection")
                      .orElse("")
                      .equals("close")) {
                    kept.incrementAndGet();
                  }
                }
              });
      senders.add(sender);
      sender.start();
    }
    for (Thread sender : senders) {
      sender.join();
    }
    assertThat(failures).isEmpty();
    assertThat(kept).as("answers that kept their connection alive").hasValue(0);
  }

  @Test
  void keepsTheApisOwnErrorsAndLimits() {
    isError(http.get("api/nope"), 404, "NOT_FOUND");
    isError(
        http.send(
            http.request(ATTEST)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build()),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
    isError(http.postJson(ATTEST, "{\"slot\":1,\"message\":\"00\"}"), 400, "INVALID_MESSAGE");
    isError(
        http.postJson(ATTEST, "{\"slot\": " + " ".repeat(70_000) + "1}"), 413, "BODY_TOO_LARGE");
    isError(
        http.send(
            http.request(ATTEST)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(new byte[70_000])))
                .build()),
        413,
        "BODY_TOO_LARGE");
  }
}
