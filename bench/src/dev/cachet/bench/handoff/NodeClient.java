package dev.cachet.bench.handoff;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node of the loopback committee as the benchmark speaks to it: its client URL, its peer
 * listener (what committees name it by), its admin token. Reads the few JSON fields it needs with
 * patterns; the bodies are the node's own, small and flat.
 */
final class NodeClient {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  final int number;
  final String base;
  final String peerBase;
  private final String token;

  NodeClient(int number, String base, String peerBase, String token) {
    this.number = number;
    this.base = base;
    this.peerBase = peerBase;
    this.token = token;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A GET that must answer 200; its body. */
  String read(String path) throws IOException, InterruptedException {
    return expect(get(path), 200, "GET " + path);
  }

  String adminGet(String path) throws IOException, InterruptedException {
    return expect(
        HTTP.send(admin(path).GET().build(), HttpResponse.BodyHandlers.ofString()),
        200,
        "GET " + path);
  }

  /** A PUT with the admin token that must answer one of {@code statuses}; its body. */
  String adminPut(String path, String contentType, byte[] body, int... statuses)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            admin(path)
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    for (int status : statuses) {
      if (response.statusCode() == status) {
        return response.body();
      }
    }
    throw new IllegalStateException(
        "node "
            + number
            + ": PUT "
            + path
            + " answered "
            + response.statusCode()
            + ": "
            + response.body());
  }

  private HttpRequest.Builder admin(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + token);
  }

  private String expect(HttpResponse<String> response, int status, String what) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          "node "
              + number
              + ": "
              + what
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
    return response.body();
  }

  /** The string value of {@code "field":"…"} in {@code json}. */
  static String string(String json, String field) {
    return group(Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\""), json, field);
  }

  /** The whole-number value of {@code "field":N} in {@code json}. */
  static long number(String json, String field) {
    return Long.parseLong(
        group(Pattern.compile("\"" + field + "\"\\s*:\\s*(-?\\d+)"), json, field));
  }

  /** The text of the JSON array {@code "field":[…]} (its items hold no nested arrays). */
  static String array(String json, String field) {
    int at = json.indexOf("\"" + field + "\"");
    int open = at < 0 ? -1 : json.indexOf('[', at);
    int close = open < 0 ? -1 : json.indexOf(']', open);
    if (close < 0) {
      throw new IllegalStateException("no array " + field + " in " + json);
    }
    return json.substring(open, close + 1);
  }

  private static String group(Pattern pattern, String json, String field) {
    Matcher m = pattern.matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + field + " in " + json);
    }
    return m.group(1);
  }
}
