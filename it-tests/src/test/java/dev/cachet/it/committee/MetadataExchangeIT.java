package dev.cachet.it.committee;

import static dev.cachet.it.BlobApiChecks.isError;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.cachet.it.Blake2b;
import dev.cachet.it.CommitteeOfNodes;
import dev.cachet.it.CommitteeOfNodes.Node;
import dev.cachet.it.Http;
import dev.cachet.it.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Validator metadata between four real nodes on loopback (issue 12): every member publishes a blob
 * and every member ends with all of them, byte-identical; a node that was down catches up; a joiner
 * of the next epoch announces through one member and reaches all; a peer serving wrong bytes is
 * detected and an honest member serves them; and announcements that are not what they claim are
 * refused with nothing stored. The test signs its own announcements with BouncyCastle over the
 * frame of docs/protocol.md, independently of the node's code.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetadataExchangeIT {

  /** Ten-minute epochs; the nodes start in epoch {@link #EPOCH}, a minute into it. */
  private static final long SLOTS_PER_EPOCH = 600;

  private static final long EPOCH = 10;
  private static final Duration WITHIN = Duration.ofSeconds(30);
  private static final HexFormat HEX = HexFormat.of();

  private static CommitteeOfNodes committee;
  private static List<Node> members;
  private static Node joiner;
  private static Liar liar;
  private static final Random random = new Random(12);

  @BeforeAll
  static void start() throws Exception {
    Instant genesis =
        Instant.ofEpochSecond(Instant.now().getEpochSecond() - EPOCH * SLOTS_PER_EPOCH - 60);
    liar = new Liar();
    committee =
        CommitteeOfNodes.start(
            Path.of(System.getProperty("cachet.committee-data-dir")),
            5,
            Map.of(
                "CACHET_CHAIN_SECONDS_PER_SLOT",
                "1",
                "CACHET_CHAIN_SLOTS_PER_EPOCH",
                Long.toString(SLOTS_PER_EPOCH)),
            genesis);
    members = committee.nodes().subList(0, 4);
    joiner = committee.node(4);
    for (long e = EPOCH - 1; e <= EPOCH; e++) {
      committee.setCommittee(e, members, members);
    }
    // The next epoch's committee, in the members' view: they, the joiner and a lying member.
    String next = withLiar(CommitteeOfNodes.committeeJson(committee.nodes()));
    for (Node node : members) {
      assertThat(putCommittee(node, EPOCH + 1, next).statusCode()).isEqualTo(201);
    }
    // The joiner knows only one member: it announces through that one alone.
    committee.setCommittee(EPOCH + 1, List.of(members.get(0), joiner), List.of(joiner));
  }

  @AfterAll
  static void stop() throws Exception {
    if (committee != null) {
      committee.close();
    }
    if (liar != null) {
      liar.close();
    }
  }

  @Test
  @Order(1)
  void everyMemberEndsWithEveryMembersBlobAndOneThatWasDownCatchesUp() throws Exception {
    Node late = members.get(3);
    late.micro().stop();
    List<byte[]> blobs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      byte[] blob = bytes(i == 0 ? 8 * 1024 * 1024 : 1000 + i);
      blobs.add(blob);
      HttpResponse<byte[]> published = publish(members.get(i), EPOCH, blob);
      assertThat(published.statusCode()).as(Http.text(published)).isEqualTo(201);
      JsonObject announcement = Json.object(published);
      assertThat(announcement.getString("blobHash")).isEqualTo(Blake2b.hex(blob));
      assertThat(announcement.getString("identityKey")).isEqualTo(members.get(i).identityKey());
    }
    List<Node> up = members.subList(0, 3);
    awaitAll(up, blobs);
    late.micro().start();
    byte[] own = bytes(2048);
    blobs.add(own);
    assertThat(publish(late, EPOCH, own).statusCode()).isEqualTo(201);
    awaitAll(members, blobs);
  }

  @Test
  @Order(2)
  void aJoinerOfTheNextEpochAnnouncesThroughOneMemberAndReachesAll() throws Exception {
    byte[] blob = bytes(4096);
    // A joiner may first push its blob to the member it announces through.
    assertThat(
            members.get(0).http().putBytes("api/v1/blobs/" + Blake2b.hex(blob), blob).statusCode())
        .isIn(200, 201);
    HttpResponse<byte[]> published = publish(joiner, EPOCH, blob);
    assertThat(published.statusCode()).as(Http.text(published)).isEqualTo(201);
    awaitAnnouncedAndHeld(members, EPOCH, joiner.identityKey(), blob);
  }

  @Test
  @Order(3)
  void aPeerServingWrongBytesIsDetectedAndAnHonestMemberServesThem() throws Exception {
    byte[] blob = bytes(3000);
    liar.serveWrongBytesFor(Blake2b.hex(blob));
    // One honest member holds the real bytes; the liar announces them, and serves wrong ones.
    assertThat(
            members.get(1).http().putBytes("api/v1/blobs/" + Blake2b.hex(blob), blob).statusCode())
        .isEqualTo(201);
    String announcement = liar.announce(EPOCH, blob, Instant.now().toEpochMilli());
    for (Node node : members) {
      HttpResponse<byte[]> taken = post(node, announcement);
      assertThat(taken.statusCode()).as(Http.text(taken)).isEqualTo(200);
    }
    awaitAnnouncedAndHeld(members, EPOCH, liar.identityKey(), blob);
    assertThat(liar.wrongAnswers()).isPositive();
    long mismatches = 0;
    for (Node node : members) {
      mismatches += metric(node, "cachet_metadata_fetches_total", "outcome=\"hash_mismatch\"");
    }
    assertThat(mismatches).as("fetches that met the wrong bytes").isPositive();
  }

  @Test
  @Order(4)
  void refusesAnnouncementsThatAreNotWhatTheyClaimAndStoresNothing() throws Exception {
    Node node = members.get(0);
    Ed25519PrivateKeyParameters outsider = new Ed25519PrivateKeyParameters(new SecureRandom());
    byte[] blob = bytes(100);
    long now = Instant.now().toEpochMilli();
    String listing = listing(node, EPOCH);
    // Not a member.
    isError(post(node, signed(outsider, EPOCH, blob, now, null)), 403, "NOT_A_MEMBER");
    // A member's key, someone else's signature.
    String memberKey = members.get(1).identityKey();
    isError(post(node, signed(outsider, EPOCH, blob, now, memberKey)), 400, "INVALID_SIGNATURE");
    // An epoch before the previous one, and one beyond the next.
    isError(post(node, signed(outsider, EPOCH - 2, blob, now, null)), 410, "EPOCH_STALE");
    isError(post(node, signed(outsider, EPOCH + 5, blob, now, null)), 400, "EPOCH_AHEAD");
    // A zero timestamp under a member's key (refused before its signature is looked at).
    isError(post(node, signed(outsider, EPOCH, blob, 0, memberKey)), 400, "INVALID_ANNOUNCEMENT");
    // Oversized: above 1 MiB.
    String huge = "{\"epoch\":" + EPOCH + ",\"pad\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}";
    isError(post(node, huge), 413, "BODY_TOO_LARGE");
    assertThat(listing(node, EPOCH)).isEqualTo(listing);
  }

  @Test
  @Order(5)
  void thePeerListenerServesOnlyThePeerApiAndChangesNothingElse() throws Exception {
    Node node = members.get(0);
    Http door = node.micro().peerHttp();
    isError(door.get("api/v1/admin/node", node.adminToken()), 404, "NOT_FOUND");
    isError(door.get("api/v1/chain"), 404, "NOT_FOUND");
    isError(
        door.postJson(
            "api/v1/validators/1/attestations",
            "{\"slot\":1,\"message\":\"" + "00".repeat(32) + "\"}"),
        404,
        "NOT_FOUND");
    String committee = CommitteeOfNodes.committeeJson(members);
    HttpResponse<byte[]> put =
        door.send(
            door.request("api/v1/admin/committees/99")
                .header("Authorization", "Bearer " + node.adminToken())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(committee))
                .build());
    isError(put, 404, "NOT_FOUND");
    isError(node.http().get("api/v1/committees/99"), 404, "COMMITTEE_NOT_FOUND");
    // What peers need is there.
    assertThat(door.get("api/v1/committees/" + EPOCH).statusCode()).isEqualTo(200);
    assertThat(door.get("api/v1/metadata/" + EPOCH).statusCode()).isEqualTo(200);
    // The loopback listener serves everything, as before.
    assertThat(node.http().get("api/v1/chain").statusCode()).isEqualTo(200);
  }

  @Test
  @Order(6)
  void theOperatorSeesEveryPeerOfTheCurrentAndNextCommitteeWithItsHealth() {
    Node node = members.get(0);
    HttpResponse<byte[]> answer = node.http().get("api/v1/admin/peers", node.adminToken());
    assertThat(answer.statusCode()).as(Http.text(answer)).isEqualTo(200);
    List<JsonObject> peers =
        Json.object(answer).getJsonArray("peers").stream().map(JsonValue::asJsonObject).toList();
    // Three other members, the joiner and the liar (next epoch); never the node itself.
    assertThat(peers)
        .extracting(p -> p.getString("identityKey"))
        .containsExactlyInAnyOrder(
            members.get(1).identityKey(),
            members.get(2).identityKey(),
            members.get(3).identityKey(),
            joiner.identityKey(),
            liar.identityKey());
    for (JsonObject peer : peers) {
      assertThat(peer.getString("circuit")).isIn("CLOSED", "OPEN", "HALF_OPEN");
      assertThat(peer.getJsonNumber("requests").longValue()).isNotNegative();
    }
    JsonObject honest =
        peers.stream()
            .filter(p -> p.getString("identityKey").equals(members.get(1).identityKey()))
            .findFirst()
            .orElseThrow();
    assertThat(honest.getString("lastSuccess")).isNotBlank();
    assertThat(honest.getString("url")).isEqualTo(members.get(1).url());
    assertThat(honest.getJsonArray("epochs")).hasSize(2);
    isError(node.http().get("api/v1/admin/peers"), 401, "UNAUTHORIZED");
    String openapi = Http.text(node.http().get("openapi"));
    for (String path :
        new String[] {
          "/api/v1/admin/metadata/{epoch}",
          "/api/v1/peer/metadata/announcements",
          "/api/v1/metadata/{epoch}",
          "/api/v1/admin/peers"
        }) {
      assertThat(openapi).as("/openapi describes %s", path).contains(path);
    }
  }

  @Test
  @Order(7)
  void theMembersCertifyThePreviousEpochsHandoffAndServeOneCertificate() throws Exception {
    // Epoch EPOCH - 1 closed long ago: its members freeze it (no announcements: an empty set),
    // attest it with EPOCH's key set and mint one certificate, which every member serves.
    String path = "api/v1/handoff/certificates/" + (EPOCH - 1);
    await(
        () -> members.stream().allMatch(n -> n.http().get(path).statusCode() == 200),
        "every member to serve the certificate of epoch " + (EPOCH - 1));
    String first = Http.text(members.get(0).http().get(path));
    JsonObject certificate = Json.object(members.get(0).http().get(path));
    assertThat(certificate.getJsonNumber("epoch").longValue()).isEqualTo(EPOCH - 1);
    assertThat(certificate.getJsonNumber("totalStake").longValue()).isEqualTo(4);
    for (Node node : members) {
      JsonObject served = Json.object(node.http().get(path));
      assertThat(served.getString("nextCommitteeKeySetHash"))
          .isEqualTo(certificate.getString("nextCommitteeKeySetHash"));
      assertThat(served.getJsonArray("items")).isEqualTo(certificate.getJsonArray("items"));
    }
    // An operator checks it against the committees: valid; against the wrong epoch: not.
    String committeeE = "{\"epoch\":" + (EPOCH - 1) + "," + membersJson(members) + "}";
    String committeeNext = "{\"epoch\":" + EPOCH + "," + membersJson(members) + "}";
    HttpResponse<byte[]> valid =
        members
            .get(1)
            .http()
            .postJson(
                "api/v1/handoff/verify",
                "{\"certificate\":"
                    + first
                    + ",\"committee\":"
                    + committeeE
                    + ",\"nextCommittee\":"
                    + committeeNext
                    + "}");
    assertThat(valid.statusCode()).as(Http.text(valid)).isEqualTo(200);
    assertThat(Json.object(valid).getBoolean("valid")).isTrue();
    String committeeWrong = "{\"epoch\":" + EPOCH + "," + membersJson(members) + "}";
    String committeeAfter = "{\"epoch\":" + (EPOCH + 1) + "," + membersJson(members) + "}";
    HttpResponse<byte[]> wrong =
        members
            .get(1)
            .http()
            .postJson(
                "api/v1/handoff/verify",
                "{\"certificate\":"
                    + first
                    + ",\"committee\":"
                    + committeeWrong
                    + ",\"nextCommittee\":"
                    + committeeAfter
                    + "}");
    assertThat(Json.object(wrong).getBoolean("valid")).isFalse();
    assertThat(Json.object(wrong).getString("reason")).contains("epoch");
    JsonObject view = Json.object(members.get(2).http().get("api/v1/handoff/" + (EPOCH - 1)));
    assertThat(view.getString("phase")).isEqualTo("CERTIFIED");
    // The barrier of EPOCH has passed on every member: readiness is up.
    for (Node node : members) {
      assertThat(node.http().get("health/ready").statusCode()).isEqualTo(200);
    }
  }

  private static String membersJson(List<Node> nodes) {
    String json = CommitteeOfNodes.committeeJson(nodes);
    return json.substring(1, json.length() - 1);
  }

  // ---- helpers ----

  private static HttpResponse<byte[]> publish(Node node, long epoch, byte[] blob) {
    return node.http()
        .send(
            node.http()
                .request("api/v1/admin/metadata/" + epoch)
                .header("Authorization", "Bearer " + node.adminToken())
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(blob))
                .build());
  }

  private static HttpResponse<byte[]> post(Node node, String json) {
    return node.http().postJson("api/v1/peer/metadata/announcements", json);
  }

  private static String listing(Node node, long epoch) {
    HttpResponse<byte[]> answer = node.http().get("api/v1/metadata/" + epoch);
    assertThat(answer.statusCode()).as(Http.text(answer)).isEqualTo(200);
    return Http.text(answer);
  }

  private static void awaitAll(List<Node> nodes, List<byte[]> blobs) throws Exception {
    for (byte[] blob : blobs) {
      String hash = Blake2b.hex(blob);
      await(() -> nodes.stream().allMatch(n -> holds(n, hash, blob)), "every node to hold " + hash);
    }
    for (Node node : nodes) {
      JsonObject listing = Json.object(node.http().get("api/v1/metadata/" + EPOCH));
      assertThat(listing.getJsonArray("announcements")).hasSizeGreaterThanOrEqualTo(blobs.size());
    }
  }

  private static void awaitAnnouncedAndHeld(
      List<Node> nodes, long epoch, String announcer, byte[] blob) throws Exception {
    String hash = Blake2b.hex(blob);
    await(
        () ->
            nodes.stream()
                .allMatch(n -> announced(n, epoch, announcer, hash) && holds(n, hash, blob)),
        "every member to hold " + announcer + "'s announcement and blob");
  }

  private static boolean announced(Node node, long epoch, String announcer, String hash) {
    JsonObject listing = Json.object(node.http().get("api/v1/metadata/" + epoch));
    for (JsonValue v : listing.getJsonArray("announcements")) {
      JsonObject a = v.asJsonObject();
      if (a.getString("identityKey").equals(announcer) && a.getString("blobHash").equals(hash)) {
        return true;
      }
    }
    return false;
  }

  private static boolean holds(Node node, String hash, byte[] blob) {
    HttpResponse<byte[]> got = node.http().get("api/v1/blobs/" + hash);
    return got.statusCode() == 200 && java.util.Arrays.equals(got.body(), blob);
  }

  private static void await(BooleanSupplier done, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      if (done.getAsBoolean()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("not within " + WITHIN + ": " + what);
  }

  private static long metric(Node node, String name, String label) {
    String text = Http.text(node.http().get("metrics"));
    long total = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith(name) && line.contains(label)) {
        total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  private static byte[] bytes(int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return b;
  }

  /**
   * The frame of docs/protocol.md: u8 tag length, the tag, u8 version 1, u64 epoch, then the
   * announcement's body.
   */
  static byte[] frame(long epoch, byte[] announcer, byte[] hash, long size, long timestamp) {
    byte[] tag = "cachet/metadata-announcement".getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(1 + tag.length + 1 + 8 + 32 + 32 + 8 + 8)
        .put((byte) tag.length)
        .put(tag)
        .put((byte) 1)
        .putLong(epoch)
        .put(announcer)
        .put(hash)
        .putLong(size)
        .putLong(timestamp)
        .array();
  }

  /** An announcement signed by {@code key}, claiming {@code claimed} as announcer if given. */
  static String signed(
      Ed25519PrivateKeyParameters key, long epoch, byte[] blob, long timestamp, String claimed) {
    byte[] announcer =
        claimed != null ? HEX.parseHex(claimed) : key.generatePublicKey().getEncoded();
    byte[] hash = HEX.parseHex(Blake2b.hex(blob));
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    byte[] message = frame(epoch, announcer, hash, blob.length, timestamp);
    signer.update(message, 0, message.length);
    return "{\"epoch\":"
        + epoch
        + ",\"identityKey\":\""
        + HEX.formatHex(announcer)
        + "\",\"blobHash\":\""
        + HEX.formatHex(hash)
        + "\",\"size\":"
        + blob.length
        + ",\"timestampMillis\":"
        + timestamp
        + ",\"signature\":\""
        + HEX.formatHex(signer.generateSignature())
        + "\"}";
  }

  private static String withLiar(String committeeJson) {
    return committeeJson.substring(0, committeeJson.length() - 2)
        + ",{\"name\":\"liar\",\"identityKey\":\""
        + liar.identityKey()
        + "\",\"stake\":1,\"url\":\""
        + liar.url()
        + "\"}]}";
  }

  private static HttpResponse<byte[]> putCommittee(Node node, long epoch, String body) {
    return node.http()
        .send(
            node.http()
                .request("api/v1/admin/committees/" + epoch)
                .header("Authorization", "Bearer " + node.adminToken())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build());
  }

  /** A member that serves wrong bytes for the blob it announced: a small HTTP server. */
  static final class Liar implements AutoCloseable {
    private final Ed25519PrivateKeyParameters key =
        new Ed25519PrivateKeyParameters(new SecureRandom());
    private final HttpServer server;
    private volatile String wrongFor = "";
    private final java.util.concurrent.atomic.AtomicInteger wrong =
        new java.util.concurrent.atomic.AtomicInteger();

    Liar() throws Exception {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/",
          exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] answer;
            int status;
            if (path.equals("/api/v1/blobs/" + wrongFor)) {
              wrong.incrementAndGet();
              answer = new byte[3000]; // the announced size, the wrong bytes
              status = 200;
            } else if (path.startsWith("/api/v1/metadata/")) {
              answer = "{\"epoch\":0,\"announcements\":[]}".getBytes(StandardCharsets.UTF_8);
              status = 200;
            } else if (path.startsWith("/api/v1/peer/")) {
              answer = "{\"superseded\":false}".getBytes(StandardCharsets.UTF_8);
              status = 200;
            } else {
              answer =
                  "{\"error\":\"NOT_FOUND\",\"message\":\"no\"}".getBytes(StandardCharsets.UTF_8);
              status = 404;
            }
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(answer);
            }
          });
      server.start();
    }

    void serveWrongBytesFor(String hash) {
      wrongFor = hash;
    }

    int wrongAnswers() {
      return wrong.get();
    }

    String identityKey() {
      return HEX.formatHex(key.generatePublicKey().getEncoded());
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String announce(long epoch, byte[] blob, long timestamp) {
      return signed(key, epoch, blob, timestamp, null);
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
