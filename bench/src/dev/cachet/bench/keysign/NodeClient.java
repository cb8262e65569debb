package dev.cachet.bench.keysign;

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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node of the loopback committee as the benchmark speaks to it: its client URL, its peer
 * listener (what committees name it by), its admin token and its process id (for its CPU time).
 * Reads the few JSON fields it needs with patterns; the bodies are the node's own, small and flat.
 */
final class NodeClient {

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
  private final String token;

  /** Requests sent again after an I/O failure. */
  final AtomicLong retried = new AtomicLong();

  NodeClient(int number, String base, String peerBase, String token, long pid) {
    this.number = number;
    this.base = base;
    this.peerBase = peerBase;
    this.token = token;
    this.pid = pid;
  }

  /**
   * Sends {@code request}, once more after an I/O failure (the node closes a connection after
   * every request with a body, and a kept-alive one may close under a GET). Every request this
   * harness sends is idempotent: a digest offered again is answered UNCHANGED or SIGNED.
   */
  HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      retried.incrementAndGet();
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
  }

  /** A GET that must answer 200; its body. */
  String read(String path) throws IOException, InterruptedException {
    return expect(send(request(path).GET().build()), "GET " + path, 200);
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(request(path).GET().build());
  }

  String adminGet(String path) throws IOException, InterruptedException {
    return expect(
        send(request(path).header("Authorization", "Bearer " + token).GET().build()),
        "GET " + path,
        200);
  }

  /** A request with a JSON body and the admin token that must answer one of {@code statuses}. */
  String admin(String method, String path, String json, int... statuses)
      throws IOException, InterruptedException {
    HttpRequest r =
        request(path)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json))
            .build();
    return expect(send(r), method + " " + path, statuses);
  }

  /** A request with a JSON body and no token (the chain observer's), answering one of statuses. */
  String observer(String method, String path, String json, int... statuses)
      throws IOException, InterruptedException {
    return expect(send(json(method, path, json)), method + " " + path, statuses);
  }

  HttpRequest json(String method, String path, String json) {
    return request(path)
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json))
        .build();
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

  /**
   * CPU time the node's process used so far, user + system, in ms (from {@code /proc/PID/stat},
   * in clock ticks of {@code 1000 / ticksPerSecond} ms); -1 if it cannot be read.
   */
  long cpuMillis(long ticksPerSecond) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / ticksPerSecond;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * CPU time (ms) of the node's live threads by kind so far: {@code [JIT compiler threads, GC
   * threads]} (by their names in {@code /proc/PID/task/TID/comm}: "C1/C2 CompilerThre…", "GC
   * Thread#…", "G1 …"); a thread that ended takes its time with it, so a difference of two readings
   * is a lower bound. {-1, -1} if it cannot be read.
   */
  long[] threadCpuMillis(long ticksPerSecond) {
    long jit = 0;
    long gc = 0;
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String comm = Files.readString(task.resolve("comm")).strip();
          boolean isJit = comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler");
          boolean isGc = comm.startsWith("GC Thread") || comm.startsWith("G1 ");
          if (!isJit && !isGc) {
            continue;
          }
          String stat = Files.readString(task.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ms = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / ticksPerSecond;
          if (isJit) {
            jit += ms;
          } else {
            gc += ms;
          }
        } catch (IOException | RuntimeException ended) {
          // the thread ended meanwhile
        }
      }
      return new long[] {jit, gc};
    } catch (IOException | RuntimeException e) {
      return new long[] {-1, -1};
    }
  }

  /**
   * The node's Prometheus counters named {@code name}, summed by the value of the label {@code
   * by}, over the lines that carry every label of {@code filter} (e.g. {@code chain="7"}).
   */
  Map<String, Long> counters(String metrics, String name, String by, String... filter) {
    Map<String, Long> sums = new TreeMap<>();
    Pattern label = Pattern.compile(by + "=\"([^\"]*)\"");
    for (String line : metrics.split("\n")) {
      if (!line.startsWith(name + "{")) {
        continue;
      }
      boolean matches = true;
      for (String f : filter) {
        matches &= line.contains(f);
      }
      if (!matches) {
        continue;
      }
      Matcher m = label.matcher(line);
      String key = m.find() ? m.group(1) : "";
      long value = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      sums.merge(key, value, Long::sum);
    }
    return sums;
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

  /** The numbers of the JSON array {@code "field":[…]} (of numbers). */
  static List<Long> numbers(String json, String field) {
    int at = json.indexOf("\"" + field + "\"");
    int open = at < 0 ? -1 : json.indexOf('[', at);
    int close = open < 0 ? -1 : json.indexOf(']', open);
    if (close < 0) {
      throw new IllegalStateException("no array " + field + " in " + json);
    }
    List<Long> out = new ArrayList<>();
    Matcher m = NUMBER.matcher(json.substring(open + 1, close));
    while (m.find()) {
      out.add(Long.parseLong(m.group()));
    }
    return out;
  }

  /** The JSON objects (without nested objects) of the array {@code "field":[…]}. */
  static List<String> objects(String json, String field) {
    int at = json.indexOf("\"" + field + "\"");
    int open = at < 0 ? -1 : json.indexOf('[', at);
    int close = open < 0 ? -1 : json.indexOf(']', open);
    if (close < 0) {
      throw new IllegalStateException("no array " + field + " in " + json);
    }
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("\\{[^{}]*\\}").matcher(json.substring(open + 1, close));
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  private static String group(Pattern pattern, String json, String field) {
    Matcher m = pattern.matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + field + " in " + json);
    }
    return m.group(1);
  }
}
