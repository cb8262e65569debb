package dev.cachet.bench.checkpoint;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node of the loopback committee as the checkpoint benchmark speaks to it: its client URL, its
 * peer listener (what the committee names it by), its admin token file and its process id (for its
 * CPU time). Reads the few JSON fields it needs with patterns; the node's bodies are small and flat
 * (no field is an object), and JSON-B leaves null fields out.
 */
final class CheckpointNodeClient {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern NUMBER = Pattern.compile("-?\\d+");

  final int number;
  final String base;
  final String peerBase;
  final long pid;
  private final Path tokenFile;
  private String token;

  CheckpointNodeClient(int number, String base, String peerBase, Path tokenFile, long pid) {
    this.number = number;
    this.base = base;
    this.peerBase = peerBase;
    this.tokenFile = tokenFile;
    this.pid = pid;
  }

  /** {@code http,peer,tokenFile,pid} as the script passes each node. */
  static CheckpointNodeClient parse(int number, String arg) {
    String[] f = arg.split(",");
    return new CheckpointNodeClient(number, f[0], f[1], Path.of(f[2]), Long.parseLong(f[3]));
  }

  private String token() throws IOException {
    if (token == null) {
      token = Files.readString(tokenFile).strip();
    }
    return token;
  }

  /**
   * Sends {@code request}, once more after an I/O failure (the node closes the connection after a
   * request with a body, and a kept-alive one may close under a GET). Every request sent twice is
   * idempotent here: the same transaction again has the same hash and the pool keeps it once.
   */
  HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(request(path).GET().build());
  }

  /** A GET that must answer 200; its body. */
  String read(String path) throws IOException, InterruptedException {
    return expect(get(path), "GET " + path, 200);
  }

  String adminGet(String path) throws IOException, InterruptedException {
    return expect(
        send(request(path).header("Authorization", "Bearer " + token()).GET().build()),
        "GET " + path,
        200);
  }

  /** A request with a JSON body and the admin token that must answer one of {@code statuses}. */
  String admin(String method, String path, String json, int... statuses)
      throws IOException, InterruptedException {
    HttpRequest r =
        request(path)
            .header("Authorization", "Bearer " + token())
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json))
            .build();
    return expect(send(r), method + " " + path, statuses);
  }

  /** A POST with a JSON body and no token. */
  HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  /** A POST with a JSON body to the node's peer listener (a member's message). */
  HttpResponse<String> peerPost(String path, String json)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(peerBase + path))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private String expect(HttpResponse<String> response, String what, int... statuses) {
    for (int status : statuses) {
      if (response.statusCode() == status) {
        return response.body();
      }
    }
    throw new IllegalStateException(
        "node " + number + ": " + what + " answered " + response.statusCode() + ": "
            + response.body());
  }

  /** CPU time of the node's process so far, user + system, in clock ticks; -1 if unreadable. */
  long cpuTicks() {
    return processTicks(pid);
  }

  static long processTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The machine's busy and total clock ticks so far (the first line of /proc/stat). */
  static long[] machineTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < Math.min(f.length, 9); i++) { // user … steal (guest is inside user)
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return new long[] {-1, -1};
    }
  }

  // ---- JSON fields, by pattern

  /** The string value of {@code "field":"…"}, or null if the field is absent or null. */
  static String string(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    return m.find() ? m.group(1) : null;
  }

  /** The whole-number value of {@code "field":N}, or null if absent or null. */
  static Long number(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(-?\\d+)").matcher(json);
    return m.find() ? Long.parseLong(m.group(1)) : null;
  }

  static boolean bool(String json, String field) {
    return Pattern.compile("\"" + field + "\"\\s*:\\s*true").matcher(json).find();
  }

  /** The numbers of the array {@code "field":[…]}; empty if the field is absent. */
  static List<Long> numbers(String json, String field) {
    List<Long> out = new ArrayList<>();
    int at = json.indexOf("\"" + field + "\"");
    if (at < 0) {
      return out;
    }
    int open = json.indexOf('[', at);
    int close = open < 0 ? -1 : json.indexOf(']', open);
    if (close < 0) {
      return out;
    }
    Matcher m = NUMBER.matcher(json.substring(open + 1, close));
    while (m.find()) {
      out.add(Long.parseLong(m.group()));
    }
    return out;
  }

  /** The strings of the array {@code "field":["…",…]}; empty if the field is absent. */
  static List<String> strings(String json, String field) {
    List<String> out = new ArrayList<>();
    int at = json.indexOf("\"" + field + "\"");
    if (at < 0) {
      return out;
    }
    int open = json.indexOf('[', at);
    int close = open < 0 ? -1 : json.indexOf(']', open);
    if (close < 0) {
      return out;
    }
    Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(json.substring(open + 1, close));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /**
   * The sum of the Prometheus samples named {@code name} whose labels contain every one of {@code
   * filter} (e.g. {@code role="attestation"}); 0 if none.
   */
  static double metric(String metrics, String name, String... filter) {
    double sum = 0;
    for (String line : metrics.split("\n")) {
      if (!(line.startsWith(name + "{") || line.startsWith(name + " "))) {
        continue;
      }
      boolean matches = true;
      for (String f : filter) {
        matches &= line.contains(f);
      }
      if (matches) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }
}
