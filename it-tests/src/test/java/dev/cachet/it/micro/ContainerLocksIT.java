package dev.cachet.it.micro;

import static dev.cachet.it.BlobApiChecks.isError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.it.Http;
import dev.cachet.it.Json;
import dev.cachet.it.KeyClient;
import dev.cachet.it.MicroNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The container's locks on the singletons, as the class comments document them (issue 11): READ
 * sections run at once, and a reader waits for a WRITE section at most its {@code @AccessTimeout},
 * then answers 503 {@code SERVER_BUSY} with {@code Retry-After}, never a 500 and never a hang.
 *
 * <p>The state key comes from a {@code command} provider that the test can hold: while the named
 * pipe {@code kms/gate} exists, every run of the command leaves a marker file and then blocks
 * reading the pipe until the test releases it. Everything that seals or opens state runs the
 * command, so the test holds a bean inside its lock, deterministically and without timing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerLocksIT {

  private static final Duration STEP = Duration.ofSeconds(60);
  private static final long VALIDATOR = 700;

  private static Path kms;
  private static MicroNode node;
  private static Http http;
  private static String token;

  @BeforeAll
  static void start() throws Exception {
    Path dataDir = Path.of(System.getProperty("cachet.locks-data-dir"));
    deleteRecursively(dataDir); // a rerun in the same target starts without a key again
    kms = dataDir.resolve("kms");
    Files.createDirectories(kms);
    String gate = kms.resolve("gate").toString();
    node =
        new MicroNode(
            dataDir,
            Map.of(
                "CACHET_STATE_KEY_PROVIDER",
                "command",
                "CACHET_STATE_KEY_COMMAND",
                "if [ -p '"
                    + gate
                    + "' ]; then : > '"
                    + kms.resolve("inside")
                    + ".'$$; cat '"
                    + gate
                    + "' > /dev/null; fi; read -r key < '"
                    + kms.resolve("current.key")
                    + "' && echo \"$key\"",
                "CACHET_STATE_KEY_COMMAND_TIMEOUT",
                "60",
                // Long slots: the slot tick seldom runs the command while the test holds it.
                "CACHET_CHAIN_SECONDS_PER_SLOT",
                "30"));
    // No key yet: the node starts without its identity, and retries loading it.
    node.startLive();
    http = node.http();
    token = node.adminToken();
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  @Test
  @Order(1)
  void aReaderWaitsForTheIdentityLoadAtMostItsTimeoutAndIsToldToRetry() throws Exception {
    assertThat(noIdentity(http.get("api/v1/admin/node", token))).isTrue();
    closeGate();
    Files.writeString(kms.resolve("current.key"), "5a".repeat(32) + "\n");
    // The retrying load (the WRITE section) runs the command and stays inside it, so a read of
    // the identity waits its access timeout and is told to come back.
    HttpResponse<byte[]> busy =
        poll(
            () -> http.get("api/v1/admin/node", token),
            r -> r.statusCode() == 503,
            "GET /admin/node to meet the identity load");
    isError(busy, 503, "SERVER_BUSY");
    assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
    openGate();
    HttpResponse<byte[]> loaded =
        poll(
            () -> http.get("api/v1/admin/node", token),
            r -> r.statusCode() == 200 && !noIdentity(r),
            "the identity to load once the key command returns");
    assertThat(Json.object(loaded).getString("identityKey")).matches("[0-9a-f]{64}");
    node.awaitReady();
  }

  @Test
  @Order(2)
  void signingReadersRunInsideTheBeanAtOnce() throws Exception {
    KeyClient keys = new KeyClient(http, token);
    for (long validator : new long[] {VALIDATOR, VALIDATOR + 1}) {
      assertThat(keys.generate(validator, "ATTESTATION", 8, 2).statusCode()).isEqualTo(202);
      keys.awaitState(validator, "attestation", "ACTIVE", STEP);
    }
    long slot = keys.currentSlot() + 1;
    closeGate();
    // Two signatures, two keys: each seals its signing record, so each runs the command and
    // waits inside it, within the key manager's and the vault's READ sections.
    CompletableFuture<HttpResponse<byte[]>> first = attestAsync(VALIDATOR, slot);
    CompletableFuture<HttpResponse<byte[]>> second = attestAsync(VALIDATOR + 1, slot);
    poll(ContainerLocksIT::inside, n -> n >= 2, "both signings to reach the key command");
    // A third reader of the same bean is not blocked by the two inside it.
    HttpResponse<byte[]> view = http.get("api/v1/keys/" + VALIDATOR + "/attestation");
    assertThat(view.statusCode()).as(Http.text(view)).isEqualTo(200);
    assertThat(first).isNotDone();
    assertThat(second).isNotDone();
    openGate();
    assertThat(KeyClient.signature(first.get())).isNotEmpty();
    assertThat(KeyClient.signature(second.get())).isNotEmpty();
  }

  private static boolean noIdentity(HttpResponse<byte[]> node) {
    var body = Json.object(node);
    return !body.containsKey("identityKey") || body.isNull("identityKey");
  }

  private static CompletableFuture<HttpResponse<byte[]>> attestAsync(long validator, long slot) {
    byte[] message = new byte[32];
    message[0] = (byte) validator;
    HttpRequest request =
        http.request("api/v1/validators/" + validator + "/attestations")
            .timeout(STEP)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"slot\":"
                        + slot
                        + ",\"message\":\""
                        + HexFormat.of().formatHex(message)
                        + "\"}"))
            .build();
    return CompletableFuture.supplyAsync(() -> http.send(request));
  }

  /** From now on every run of the key command waits until {@link #openGate()}. */
  private static void closeGate() throws Exception {
    try (Stream<Path> markers = Files.list(kms)) {
      for (Path marker :
          markers.filter(p -> p.getFileName().toString().startsWith("inside.")).toList()) {
        Files.delete(marker);
      }
    }
    Process mkfifo = new ProcessBuilder("mkfifo", kms.resolve("gate").toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
  }

  /**
   * Lets every waiting run of the command go on, and no later one wait: the pipe is renamed first,
   * then opened and closed under its new name, which ends the waiting reads.
   */
  private static void openGate() throws IOException {
    Path open = kms.resolve("gate.open");
    Files.move(kms.resolve("gate"), open);
    if (inside() > 0) {
      try (OutputStream release = Files.newOutputStream(open)) {
        release.flush();
      }
    }
    Files.delete(open);
  }

  /** How many runs of the key command have reached the gate since it closed. */
  private static long inside() {
    try (Stream<Path> files = Files.list(kms)) {
      return files.filter(p -> p.getFileName().toString().startsWith("inside.")).count();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static <T> T poll(
      java.util.function.Supplier<T> probe, java.util.function.Predicate<T> done, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + STEP.toNanos();
    T last = null;
    while (System.nanoTime() < deadline) {
      last = probe.get();
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("waited " + STEP + " for " + what + "; last: " + last);
  }
}
