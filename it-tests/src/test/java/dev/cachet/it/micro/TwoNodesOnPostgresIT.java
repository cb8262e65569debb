package dev.cachet.it.micro;

import static dev.cachet.it.BlobApiChecks.isError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.it.BouncyCastleXmss;
import dev.cachet.it.Http;
import dev.cachet.it.Json;
import dev.cachet.it.KeyClient;
import dev.cachet.it.MicroNode;
import dev.cachet.it.PostgresServer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Payara Micro nodes on one real PostgreSQL database, as an operator runs them for
 * availability: they serve the same keys, count the same slots, and never both sign a slot, also
 * while the database restarts under them. One committee of two nodes is started for the class.
 */
class TwoNodesOnPostgresIT {

  private static final HexFormat HEX = HexFormat.of();
  private static final Duration GENERATION = Duration.ofSeconds(90);
  private static final String TOKEN = "two-nodes-admin-token-0123456789";
  private static final int CLIENTS_PER_NODE = 8;
  private static final int SLOTS = 110;
  private static final int HEIGHT = 14;
  private static final int LAYERS = 2;

  private static PostgresServer postgres;
  private static MicroNode a;
  private static MicroNode b;

  @BeforeAll
  static void startTwoNodesOnOneDatabase() throws Exception {
    Path root = Path.of(System.getProperty("cachet.two-nodes-dir"));
    postgres = PostgresServer.start(root.resolve("postgres"));
    String url = postgres.createDatabase("cachet");
    Map<String, String> env =
        Map.of(
            "CACHET_DB_URL",
            url,
            "CACHET_DB_USER",
            PostgresServer.USER,
            "CACHET_STATE_KEY_PROVIDER",
            "env",
            "CACHET_STATE_KEY_HEX",
            "3c".repeat(32),
            "CACHET_ADMIN_TOKEN",
            TOKEN,
            "CACHET_CHAIN_SECONDS_PER_SLOT",
            "1");
    a = new MicroNode(root.resolve("node-a"), env);
    b = new MicroNode(root.resolve("node-b"), env);
    CompletableFuture<Void> startA = CompletableFuture.runAsync(() -> start(a));
    CompletableFuture<Void> startB = CompletableFuture.runAsync(() -> start(b));
    startA.get(4, TimeUnit.MINUTES);
    startB.get(4, TimeUnit.MINUTES);
  }

  private static void start(MicroNode node) {
    try {
      node.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stopAll() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {a, b, postgres}) {
      if (c != null) {
        c.close();
      }
    }
  }

  private static KeyClient keys(MicroNode node) {
    return new KeyClient(node.http(), TOKEN);
  }

  @Test
  void bothNodesCountTheSameSlotsAndServeTheSameKeys() {
    JsonObject chainA = Json.object(a.http().get("api/v1/chain"));
    JsonObject chainB = Json.object(b.http().get("api/v1/chain"));
    assertThat(chainA.getString("genesisTime")).isEqualTo(chainB.getString("genesisTime"));

    KeyClient onA = keys(a);
    KeyClient onB = keys(b);
    assertThat(onA.generate(31, "ATTESTATION", 8, 2).statusCode()).isEqualTo(202);
    JsonObject generated = onA.awaitState(31, "attestation", "ACTIVE", GENERATION);
    JsonObject served = onB.awaitServed(31, "attestation", "ACTIVE", Duration.ofSeconds(10));
    assertThat(served.getString("root")).isEqualTo(generated.getString("root"));

    long slot = onB.currentSlot() + 1;
    String message = "31".repeat(32);
    byte[] signature = KeyClient.signature(onB.attest(31, slot, message));
    assertThat(KeyClient.signature(onA.attest(31, slot, message))).isEqualTo(signature);
    isError(onA.attest(31, slot, "32".repeat(32)), 409, "SLOT_ALREADY_SIGNED");

    HttpResponse<byte[]> retired =
        onA.http()
            .send(
                onA.http()
                    .request("api/v1/admin/keys/31/attestation")
                    .header("Authorization", "Bearer " + TOKEN)
                    .DELETE()
                    .build());
    assertThat(retired.statusCode()).as(Http.text(retired)).isEqualTo(200);
    // The other node decides again under the row lock: refused at once, before its tick.
    isError(onB.attest(31, slot + 1, message), 410, "KEY_RETIRED");
    assertThat(onB.awaitServed(31, "attestation", "RETIRED", Duration.ofSeconds(5))).isNotNull();
  }

  /** One signature a client received. */
  record Signed(long validator, long slot, String message, String signature, String node) {}

  @Test
  void neverTwoSignaturesForOneSlotAcrossNodesEvenWhileTheDatabaseRestarts() throws Exception {
    KeyClient onA = keys(a);
    KeyClient onB = keys(b);
    long[] validators = {11, 12};
    Map<Long, JsonObject> publicKeys = new ConcurrentHashMap<>();
    for (long v : validators) {
      assertThat(onA.generate(v, "ATTESTATION", HEIGHT, LAYERS).statusCode()).isEqualTo(202);
    }
    for (long v : validators) {
      onA.awaitState(v, "attestation", "ACTIVE", GENERATION);
      publicKeys.put(v, onB.awaitServed(v, "attestation", "ACTIVE", Duration.ofSeconds(10)));
    }
    long first = onA.currentSlot() + 3;
    for (long v : validators) { // both windows reach past the last slot the clients ask for
      awaitWindowTo(onA, v, first + SLOTS);
      awaitWindowTo(onB, v, first + SLOTS);
    }

    ConcurrentLinkedQueue<Signed> signed = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> unavailable = new ConcurrentLinkedQueue<>();
    int clients = 2 * CLIENTS_PER_NODE;
    Phaser slots = new Phaser(clients + 1); // the clients and the test, one phase per slot
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      MicroNode node = c % 2 == 0 ? a : b;
      String name = c % 2 == 0 ? "a" : "b";
      KeyClient client = keys(node);
      int id = c;
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < SLOTS; i++) {
                  long slot = first + i;
                  for (long v : validators) {
                    String message = message(id, v, slot);
                    signUntilAnswered(
                        client, v, slot, message, name, signed, unexpected, unavailable);
                  }
                  slots.arriveAndAwaitAdvance();
                }
                slots.arriveAndDeregister();
              },
              "client-" + c);
      threads.add(thread);
      thread.start();
    }
    for (int i = 0; i < SLOTS; i++) {
      if (i == SLOTS / 2) {
        restartTheDatabaseUnderTheNodes();
      }
      slots.arriveAndAwaitAdvance();
    }
    slots.arriveAndDeregister();
    for (Thread thread : threads) {
      thread.join(TimeUnit.MINUTES.toMillis(3));
      assertThat(thread.isAlive()).as(thread.getName() + " finished").isFalse();
    }

    assertThat(unexpected).as("no answer outside 200, 409 and a 503 with Retry-After").isEmpty();
    assertThat(unavailable).as("the outage was seen as 503 DATABASE_UNAVAILABLE").isNotEmpty();
    Map<String, List<Signed>> bySlot =
        signed.stream().collect(Collectors.groupingBy(s -> s.validator() + "/" + s.slot()));
    bySlot.forEach(
        (slot, answers) ->
            assertThat(answers.stream().map(Signed::message).distinct())
                .as("messages signed for %s on either node", slot)
                .hasSize(1));
    for (long v : validators) {
      long slotsSigned =
          signed.stream().filter(s -> s.validator() == v).map(Signed::slot).distinct().count();
      assertThat(slotsSigned).as("slots of validator %d with a signature", v).isEqualTo(SLOTS);
    }
    for (Signed s : signed) {
      JsonObject key = publicKeys.get(s.validator());
      assertThat(
              BouncyCastleXmss.verifies(
                  HEIGHT,
                  LAYERS,
                  HEX.parseHex(key.getString("root")),
                  HEX.parseHex(key.getString("publicSeed")),
                  HEX.parseHex(s.message()),
                  HEX.parseHex(s.signature())))
          .as("BouncyCastle verifies %s/%d from node %s", s.validator(), s.slot(), s.node())
          .isTrue();
    }
    // The winners of the most recent slots (the watermark and its history) asked again, on
    // either node, get the identical signature.
    for (long v : validators) {
      for (long slot = first + SLOTS - 33; slot < first + SLOTS; slot++) {
        Signed winner = bySlot.get(v + "/" + slot).get(0);
        for (KeyClient node : List.of(onA, onB)) {
          HttpResponse<byte[]> again = node.attest(v, slot, winner.message());
          assertThat(again.statusCode()).as(Http.text(again)).isEqualTo(200);
          assertThat(Json.object(again).getString("signature")).isEqualTo(winner.signature());
        }
      }
    }
  }

  /** Stops PostgreSQL under both nodes, checks they say so, and starts it again. */
  private static void restartTheDatabaseUnderTheNodes() throws Exception {
    postgres.stop();
    for (MicroNode node : List.of(a, b)) {
      HttpResponse<byte[]> ready = node.http().get("health/ready");
      assertThat(ready.statusCode()).as(Http.text(ready)).isEqualTo(503);
      assertThat(Http.text(ready)).contains("\"name\":\"database\",\"status\":\"DOWN\"");
    }
    Thread.sleep(2_000); // the clients keep asking while the database is down
    postgres.restart();
  }

  /** Asks until the answer is not "retry later" (bounded); records what came back. */
  private static void signUntilAnswered(
      KeyClient client,
      long validator,
      long slot,
      String message,
      String node,
      ConcurrentLinkedQueue<Signed> signed,
      ConcurrentLinkedQueue<String> unexpected,
      ConcurrentLinkedQueue<String> unavailable) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      HttpResponse<byte[]> answer;
      try {
        answer = client.attest(validator, slot, message);
      } catch (RuntimeException e) {
        unexpected.add(node + ": " + e);
        return;
      }
      int status = answer.statusCode();
      if (status == 200) {
        signed.add(
            new Signed(validator, slot, message, Json.object(answer).getString("signature"), node));
        return;
      }
      if (status == 409) {
        return;
      }
      if (status == 503 && answer.headers().firstValue("Retry-After").isPresent()) {
        if (Http.text(answer).contains("DATABASE_UNAVAILABLE")) {
          unavailable.add(node);
        }
        sleep(200);
        continue;
      }
      unexpected.add(node + ": " + status + " " + Http.text(answer));
      return;
    }
    unexpected.add(node + ": no answer but 503 for 60 s for " + validator + "/" + slot);
  }

  private static void awaitWindowTo(KeyClient keys, long validator, long slot) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (keys.key(validator, "attestation").getJsonNumber("toSlot").longValue() < slot) {
      assertThat(System.nanoTime())
          .as("window of %d reaches slot %d", validator, slot)
          .isLessThan(deadline);
      sleep(100);
    }
  }

  /** A client's own message for a slot: clients always disagree. */
  private static String message(int client, long validator, long slot) {
    return String.format("%02x%02x%016x", client, validator, slot) + "5a".repeat(22);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
