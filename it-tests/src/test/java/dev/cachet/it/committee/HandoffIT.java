package dev.cachet.it.committee;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.cachet.it.Blake2b;
import dev.cachet.it.CommitteeOfNodes;
import dev.cachet.it.CommitteeOfNodes.Node;
import dev.cachet.it.Http;
import dev.cachet.it.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The epoch handoff between four real nodes and a joiner on loopback (issue 13), over four
 * consecutive short epochs chosen after the nodes started (so the test does not depend on how long
 * they take to start):
 *
 * <ul>
 *   <li>{@code e}: members m0..m3; they publish metadata in its first half; every node, the joiner
 *       included, ends with the same certificate of {@code e}, and the joiner's barrier is never up
 *       in {@code e + 1} without it.
 *   <li>{@code e + 1}: m0, m1, m2 and the joiner; the first of m0..m2 seen ATTESTED is killed
 *       (SIGKILL) and restarted: it ends with the certificate of {@code e + 1}.
 *   <li>{@code e + 2}: m0..m3, m3 stopped for the whole epoch: m0..m2 still certify it.
 *   <li>{@code e + 3}: m0, m1, m2 and the joiner. In the joiner's own view of {@code e + 2} three
 *       members (m0, m1, m3) are reachable only through a test peer, the liar, that serves a
 *       forged, a wrong-epoch, a duplicate-signer and a wrong-committee certificate in turn; the
 *       fourth, m2, through a gate the test keeps closed (503) at first. The members' view names
 *       the joiner at a dead URL, so nothing is pushed to it: it must fetch. It refuses every bad
 *       certificate and keeps waiting (barrier down) until the test opens the gate and m2, an
 *       honest member, serves the valid one through it.
 * </ul>
 *
 * The test checks certificates with its own encodings (key set hash, attestation bytes, Ed25519 by
 * BouncyCastle) as docs/protocol.md §9 defines them, independently of the node's code.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HandoffIT {

  private static final long SECONDS_PER_SLOT = 1;
  private static final long SLOTS_PER_EPOCH = 40;
  private static final Duration EPOCH_LENGTH =
      Duration.ofSeconds(SECONDS_PER_SLOT * SLOTS_PER_EPOCH);
  private static final Duration WITHIN = Duration.ofSeconds(60);
  private static final HexFormat HEX = HexFormat.of();
  private static final String DEAD_URL = "http://127.0.0.1:9";

  private static CommitteeOfNodes committee;
  private static List<Node> members;
  private static Node joiner;
  private static Liar liar;
  private static Gate gate;
  private static long e;
  private static final Random random = new Random(13);
  private static final Map<Node, String> blobsOfE = new HashMap<>();

  @BeforeAll
  static void start() throws Exception {
    liar = new Liar();
    gate = new Gate();
    committee =
        CommitteeOfNodes.start(
            Path.of(System.getProperty("cachet.handoff-data-dir")),
            5,
            Map.of(
                "CACHET_CHAIN_SECONDS_PER_SLOT",
                Long.toString(SECONDS_PER_SLOT),
                "CACHET_CHAIN_SLOTS_PER_EPOCH",
                Long.toString(SLOTS_PER_EPOCH)));
    members = committee.nodes().subList(0, 4);
    joiner = committee.node(4);
    gate.forwardTo(members.get(2).url());
    long current =
        Json.object(members.get(0).http().get("api/v1/chain"))
            .getJsonNumber("currentEpoch")
            .longValue();
    // e starts at least 8 s from now: time to set every committee before it begins.
    e = current + 1;
    if (Duration.between(Instant.now(), startOf(e)).toSeconds() < 8) {
      e++;
    }
    List<Node> all = committee.nodes();
    Node m0 = members.get(0);
    Node m1 = members.get(1);
    Node m2 = members.get(2);
    Node m3 = members.get(3);
    committee.setCommittee(e, members, all);
    committee.setCommittee(e + 1, List.of(m0, m1, m2, joiner), all);
    // e + 2: everyone's view but the joiner's; the joiner reaches m0..m2 only through the liar.
    committee.setCommittee(e + 2, members, members);
    String joinersView =
        committeeJson(
            List.of(
                entry(m0, liar.url()),
                entry(m1, liar.url()),
                entry(m2, gate.url()),
                entry(m3, liar.url())));
    assertThat(putCommittee(joiner, e + 2, joinersView).statusCode()).isEqualTo(201);
    // e + 3: the members know the joiner at a dead URL (nothing reaches it); the joiner knows
    // itself. The keys, and so the key set hash, are the same.
    String membersView =
        committeeJson(
            List.of(
                entry(m0, m0.url()),
                entry(m1, m1.url()),
                entry(m2, m2.url()),
                entry(joiner, DEAD_URL)));
    for (Node node : members) {
      assertThat(putCommittee(node, e + 3, membersView).statusCode()).isEqualTo(201);
    }
    committee.setCommittee(e + 3, List.of(m0, m1, m2, joiner), List.of(joiner));
    assertThat(Instant.now()).as("the committees are set before e begins").isBefore(startOf(e));
  }

  @AfterAll
  static void stop() throws Exception {
    if (committee != null) {
      committee.close();
    }
    if (liar != null) {
      liar.close();
    }
    if (gate != null) {
      gate.close();
    }
  }

  @Test
  @Order(1)
  void aFullTransitionEveryNodeServesOneCertificateAndTheJoinerIsReadyOnlyWithIt()
      throws Exception {
    sleepUntil(startOf(e).plusMillis(500));
    for (Node node : members) {
      byte[] blob = bytes(1000 + 100 * node.index());
      HttpResponse<byte[]> published = publish(node, e, blob);
      assertThat(published.statusCode()).as(Http.text(published)).isEqualTo(201);
      blobsOfE.put(node, Blake2b.hex(blob));
    }
    assertThat(Instant.now()).as("published in the first half of e").isBefore(at(e, 0.5));
    // Poll the joiner through the transition: readiness first, then the certificate (kept
    // forever: held at the second read if it was at the first).
    List<Sample> samples = new ArrayList<>();
    String path = "api/v1/handoff/certificates/" + e;
    Instant until = startOf(e + 1).plusSeconds(5);
    long deadline = System.nanoTime() + WITHIN.plus(EPOCH_LENGTH).toNanos();
    while (true) {
      samples.add(sample(joiner, e));
      boolean done =
          !Instant.now().isBefore(until)
              && committee.nodes().stream().allMatch(n -> n.http().get(path).statusCode() == 200)
              && barrierUp(joiner);
      if (done) {
        break;
      }
      assertThat(System.nanoTime())
          .as("every node to hold the certificate of e")
          .isLessThan(deadline);
      Thread.sleep(150);
    }
    List<Sample> duringNext =
        samples.stream().filter(s -> !s.at().isBefore(startOf(e + 1))).toList();
    assertThat(duringNext).isNotEmpty();
    for (Sample s : duringNext) {
      assertThat(!s.barrierUp() || s.holdsCertificate())
          .as("the joiner reported ready in e + 1 at %s without the certificate of e", s.at())
          .isTrue();
    }
    assertThat(samples.get(samples.size() - 1).barrierUp()).isTrue();

    JsonObject reference = Json.object(members.get(0).http().get(path));
    assertThat(reference.getJsonNumber("epoch").longValue()).isEqualTo(e);
    assertThat(reference.getJsonNumber("totalStake").longValue()).isEqualTo(4);
    assertThat(reference.getString("nextCommitteeKeySetHash"))
        .isEqualTo(keySetHash(List.of(members.get(0), members.get(1), members.get(2), joiner)));
    Map<String, String> items = new HashMap<>();
    for (JsonValue v : reference.getJsonArray("items")) {
      JsonObject item = v.asJsonObject();
      assertThat(item.getString("kind")).isEqualTo("METADATA");
      items.put(item.getString("key"), item.getString("digest"));
    }
    Map<String, String> published = new HashMap<>();
    blobsOfE.forEach((node, hash) -> published.put(node.identityKey(), hash));
    assertThat(items).as("the items are the published blobs' hashes").isEqualTo(published);
    assertThat(independentlyValid(reference, members)).isTrue();
    for (Node node : committee.nodes()) {
      JsonObject served = Json.object(node.http().get(path));
      assertThat(served.getJsonNumber("epoch").longValue()).isEqualTo(e);
      assertThat(served.getString("nextCommitteeKeySetHash"))
          .isEqualTo(reference.getString("nextCommitteeKeySetHash"));
      assertThat(served.getJsonArray("items")).isEqualTo(reference.getJsonArray("items"));
      assertThat(independentlyValid(served, members)).as("node-%d's", node.index()).isTrue();
      assertThat(Json.object(node.http().get("api/v1/handoff/" + e)).getString("phase"))
          .isEqualTo("CERTIFIED");
    }
    String latest = Http.text(joiner.http().get("api/v1/handoff/certificates/latest"));
    assertThat(Json.object(joiner.http().get("api/v1/handoff/certificates/latest")))
        .as(latest)
        .containsEntry("epoch", reference.get("epoch"));
    // An operator checks it with the node: valid against e and e + 1, not against others.
    List<Node> next = List.of(members.get(0), members.get(1), members.get(2), joiner);
    JsonObject valid = verify(joiner, Http.text(joiner.http().get(path)), e, members, next);
    assertThat(valid.getBoolean("valid")).as(valid.toString()).isTrue();
    JsonObject wrongNext = verify(joiner, Http.text(joiner.http().get(path)), e, members, members);
    assertThat(wrongNext.getBoolean("valid")).isFalse();
    assertThat(wrongNext.getString("reason")).contains("nextCommitteeKeySetHash");
  }

  @Test
  @Order(2)
  void aMemberKilledAfterItAttestedIsRestartedAndEndsWithTheCertificate() throws Exception {
    long epoch = e + 1;
    // For test 3: m3, not in e + 1, goes down before e + 2 begins and stays down through it.
    members.get(3).micro().stop();
    assertThat(Instant.now()).as("m3 is down before e + 2").isBefore(startOf(e + 2));
    // For test 3 too: m0..m2 announce their metadata of e + 2 ahead (m3 never does).
    for (Node node : members.subList(0, 3)) {
      HttpResponse<byte[]> published = publish(node, e + 2, bytes(500 + node.index()));
      assertThat(published.statusCode()).as(Http.text(published)).isEqualTo(201);
    }
    // The first member of e + 1 seen ATTESTED (its attestation signed, durable and being sent,
    // the certificate not yet minted) is killed there.
    Node victim = null;
    long deadline = System.nanoTime() + WITHIN.plus(EPOCH_LENGTH).toNanos();
    while (victim == null) {
      assertThat(System.nanoTime()).as("a member of e + 1 seen ATTESTED").isLessThan(deadline);
      for (Node node : members.subList(0, 3)) {
        if (phase(node, epoch).equals("ATTESTED")) {
          node.micro().kill();
          victim = node;
          break;
        }
      }
      boolean allCertified =
          members.subList(0, 3).stream().allMatch(n -> phase(n, epoch).equals("CERTIFIED"));
      assertThat(victim != null || !allCertified)
          .as("no member was seen ATTESTED before all were CERTIFIED")
          .isTrue();
      Thread.sleep(20);
    }
    Node killed = victim;
    Instant killedAt = Instant.now();
    killed.micro().start();
    String path = "api/v1/handoff/certificates/" + epoch;
    await(
        () -> killed.http().get(path).statusCode() == 200,
        "node-" + killed.index() + " to hold the certificate of e + 1 after its restart");
    await(() -> phase(killed, epoch).equals("CERTIFIED"), "its view to say CERTIFIED");
    Node other = members.stream().filter(n -> n != killed && n != members.get(3)).findFirst().get();
    await(() -> other.http().get(path).statusCode() == 200, "the others to hold it too");
    JsonObject mine = Json.object(killed.http().get(path));
    JsonObject theirs = Json.object(other.http().get(path));
    assertThat(mine.getJsonArray("items")).isEqualTo(theirs.getJsonArray("items"));
    assertThat(mine.getString("nextCommitteeKeySetHash"))
        .isEqualTo(theirs.getString("nextCommitteeKeySetHash"))
        .isEqualTo(keySetHash(members));
    List<Node> committeeOfEpoch = List.of(members.get(0), members.get(1), members.get(2), joiner);
    assertThat(independentlyValid(mine, committeeOfEpoch)).isTrue();
    System.out.printf(
        "HandoffIT: killed node-%d at %s, restarted and certified by %s%n",
        killed.index(), killedAt, Instant.now());
  }

  @Test
  @Order(3)
  void theOtherThreeCertifyAnEpochAMemberMissedEntirely() throws Exception {
    long epoch = e + 2;
    List<Node> up = members.subList(0, 3);
    String path = "api/v1/handoff/certificates/" + epoch;
    await(
        () -> up.stream().allMatch(n -> n.http().get(path).statusCode() == 200),
        "m0..m2 to certify e + 2 without m3",
        WITHIN.plus(EPOCH_LENGTH));
    // m3 stays down for the rest of the class: through the whole of e + 2 and beyond.
    assertThat(phase(members.get(3), epoch)).isEqualTo("DOWN");
    JsonObject certificate = Json.object(members.get(0).http().get(path));
    List<String> signers =
        certificate.getJsonArray("signatures").stream()
            .map(v -> v.asJsonObject().getString("signer"))
            .toList();
    assertThat(signers)
        .containsExactlyInAnyOrder(
            members.get(0).identityKey(),
            members.get(1).identityKey(),
            members.get(2).identityKey());
    assertThat(certificate.getJsonNumber("signedStake").longValue()).isEqualTo(3);
    assertThat(certificate.getJsonNumber("totalStake").longValue()).isEqualTo(4);
    assertThat(
            certificate.getJsonArray("items").stream().map(v -> v.asJsonObject().getString("key")))
        .as("m3 never announced: it is simply not in the set")
        .containsExactlyInAnyOrder(
            members.get(0).identityKey(),
            members.get(1).identityKey(),
            members.get(2).identityKey());
    assertThat(independentlyValid(certificate, members)).isTrue();
    JsonObject view = Json.object(members.get(1).http().get("api/v1/handoff/" + epoch));
    assertThat(view.toString()).contains(members.get(3).identityKey());
    for (Node node : up) {
      JsonObject served = Json.object(node.http().get(path));
      assertThat(served.getJsonArray("items")).isEqualTo(certificate.getJsonArray("items"));
    }
    // The liar's four bad certificates, for test 4, made from the real ones.
    JsonObject previous =
        Json.object(members.get(0).http().get("api/v1/handoff/certificates/" + (e + 1)));
    liar.serve(badCertificates(certificate, previous));
  }

  @Test
  @Order(4)
  void theJoinerRefusesBadCertificatesAndWaitsUntilAnHonestMemberServesAValidOne()
      throws Exception {
    long epoch = e + 2;
    String path = "api/v1/handoff/certificates/" + epoch;
    List<Node> next = List.of(members.get(0), members.get(1), members.get(2), joiner);
    // Each bad certificate is refused by the node's own check too, for its reason.
    Map<String, String> reasons =
        Map.of(
            "FORGED", "does not verify",
            "WRONG_EPOCH", "epoch",
            "DUPLICATE_SIGNER", "twice",
            "WRONG_COMMITTEE", "not a member");
    for (Map.Entry<String, String> bad : liar.certificates().entrySet()) {
      JsonObject verdict = verify(members.get(0), bad.getValue(), epoch, members, next);
      assertThat(verdict.getBoolean("valid")).as(bad.getKey()).isFalse();
      assertThat(verdict.getString("reason")).as(bad.getKey()).contains(reasons.get(bad.getKey()));
    }
    sleepUntil(startOf(e + 3).plusMillis(200));
    liar.resetCounts();
    long refusedBefore = metric(joiner, "cachet_handoff_certificates_refused");
    List<Sample> samples = new ArrayList<>();
    long deadline = System.nanoTime() + WITHIN.toNanos();
    while (!liar.servedEach()) {
      samples.add(sample(joiner, epoch));
      assertThat(System.nanoTime())
          .as("the liar to serve each bad certificate to the joiner in e + 3: " + liar.counts())
          .isLessThan(deadline);
      Thread.sleep(150);
    }
    Thread.sleep(2000); // the last one checked
    Sample waiting = sample(joiner, epoch);
    samples.add(waiting);
    assertThat(waiting.holdsCertificate()).as("the joiner took a bad certificate").isFalse();
    assertThat(waiting.barrierUp()).as("the joiner's barrier, on bad certificates only").isFalse();
    assertThat(joiner.http().get("health/ready").statusCode()).isEqualTo(503);
    assertThat(metric(joiner, "cachet_handoff_certificates_refused") - refusedBefore)
        .as("forged, duplicate-signer and wrong-committee counted as refused")
        .isGreaterThanOrEqualTo(3);
    assertThat(metric(joiner, "cachet_handoff_barrier_waits")).isPositive();
    // The joiner's way to an honest member of e + 2, m2, opens: m2 serves the real certificate.
    gate.open();
    long until = System.nanoTime() + WITHIN.toNanos();
    while (true) {
      Sample s = sample(joiner, epoch);
      samples.add(s);
      if (s.barrierUp() && s.holdsCertificate()) {
        break;
      }
      assertThat(System.nanoTime())
          .as("the joiner to take the valid certificate from m2 and pass its barrier")
          .isLessThan(until);
      Thread.sleep(150);
    }
    for (Sample s : samples) {
      assertThat(!s.barrierUp() || s.holdsCertificate())
          .as("the joiner reported ready in e + 3 at %s without the certificate", s.at())
          .isTrue();
    }
    JsonObject held = Json.object(joiner.http().get(path));
    JsonObject real = Json.object(members.get(0).http().get(path));
    assertThat(held.getJsonArray("items")).isEqualTo(real.getJsonArray("items"));
    assertThat(held.getString("nextCommitteeKeySetHash"))
        .isEqualTo(real.getString("nextCommitteeKeySetHash"));
    assertThat(independentlyValid(held, members)).isTrue();
    assertThat(gate.forwarded()).as("calls m2 answered through the gate").isPositive();
    assertThat(joiner.http().get("health/ready").statusCode()).isEqualTo(200);
    System.out.println("HandoffIT: the liar served " + liar.counts());
  }

  // ---- the liar's certificates ----

  /** Four certificates of e + 2 that must be refused, made from the real ones. */
  private static Map<String, String> badCertificates(JsonObject real, JsonObject previous) {
    List<String[]> signatures = signatures(real);
    Map<String, String> bad = new java.util.LinkedHashMap<>();
    // A signature changed: it no longer verifies.
    List<String[]> forged = new ArrayList<>(signatures);
    String[] first = forged.get(0);
    char c = first[1].charAt(10);
    forged.set(
        0,
        new String[] {
          first[0], first[1].substring(0, 10) + (c == '0' ? '1' : '0') + first[1].substring(11)
        });
    bad.put("FORGED", certificate(real, forged, 3));
    // A real, valid certificate, of the epoch before.
    bad.put("WRONG_EPOCH", previous.toString());
    // Two real signatures, one of them twice: three entries, two signers.
    List<String[]> twice = List.of(signatures.get(0), signatures.get(0), signatures.get(1));
    bad.put("DUPLICATE_SIGNER", certificate(real, twice, 3));
    // Three valid signatures over the right bytes, by keys that are not members of e + 2.
    byte[] statement = statementBytes(real);
    List<String[]> outsiders = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
      Ed25519Signer signer = new Ed25519Signer();
      signer.init(true, key);
      signer.update(statement, 0, statement.length);
      outsiders.add(
          new String[] {
            HEX.formatHex(key.generatePublicKey().getEncoded()),
            HEX.formatHex(signer.generateSignature())
          });
    }
    outsiders.sort(Comparator.comparing(s -> s[0]));
    bad.put("WRONG_COMMITTEE", certificate(real, outsiders, 3));
    return bad;
  }

  private static List<String[]> signatures(JsonObject certificate) {
    List<String[]> list = new ArrayList<>();
    for (JsonValue v : certificate.getJsonArray("signatures")) {
      JsonObject s = v.asJsonObject();
      list.add(new String[] {s.getString("signer"), s.getString("signature")});
    }
    return list;
  }

  private static String certificate(JsonObject real, List<String[]> signatures, long stake) {
    StringBuilder json =
        new StringBuilder("{\"epoch\":")
            .append(real.getJsonNumber("epoch").longValue())
            .append(",\"nextCommitteeKeySetHash\":\"")
            .append(real.getString("nextCommitteeKeySetHash"))
            .append("\",\"items\":")
            .append(real.getJsonArray("items"))
            .append(",\"signatures\":[");
    for (int i = 0; i < signatures.size(); i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"signer\":\"")
          .append(signatures.get(i)[0])
          .append("\",\"signature\":\"")
          .append(signatures.get(i)[1])
          .append("\"}");
    }
    return json.append("],\"signedStake\":")
        .append(stake)
        .append(",\"totalStake\":")
        .append(real.getJsonNumber("totalStake").longValue())
        .append("}")
        .toString();
  }

  // ---- the test's own encodings (docs/protocol.md §9) ----

  /** Blake2b-256 of u32be(n) || the sorted distinct identity keys. */
  private static String keySetHash(List<Node> nodes) {
    List<String> keys = nodes.stream().map(Node::identityKey).distinct().sorted().toList();
    ByteBuffer buffer = ByteBuffer.allocate(4 + 32 * keys.size()).putInt(keys.size());
    keys.forEach(k -> buffer.put(HEX.parseHex(k)));
    return Blake2b.hex(buffer.array());
  }

  /** "CACHET-HANDOFF-V1" || u64be(epoch) || next key set hash || u32be(count) || items. */
  private static byte[] statementBytes(JsonObject certificate) {
    JsonArray items = certificate.getJsonArray("items");
    byte[] tag = "CACHET-HANDOFF-V1".getBytes(StandardCharsets.US_ASCII);
    ByteBuffer buffer =
        ByteBuffer.allocate(tag.length + 8 + 32 + 4 + 65 * items.size())
            .put(tag)
            .putLong(certificate.getJsonNumber("epoch").longValue())
            .put(HEX.parseHex(certificate.getString("nextCommitteeKeySetHash")))
            .putInt(items.size());
    for (JsonValue v : items) {
      JsonObject item = v.asJsonObject();
      assertThat(item.getString("kind")).isEqualTo("METADATA");
      buffer
          .put((byte) 1)
          .put(HEX.parseHex(item.getString("key")))
          .put(HEX.parseHex(item.getString("digest")));
    }
    return buffer.array();
  }

  /**
   * Valid by the test's own check against committee {@code of} (stake 1 each): distinct member
   * signers, each signature verifying, more than two thirds of the stake.
   */
  private static boolean independentlyValid(JsonObject certificate, List<Node> of) {
    byte[] statement = statementBytes(certificate);
    List<String> keys = of.stream().map(Node::identityKey).toList();
    List<String> seen = new ArrayList<>();
    for (String[] s : signatures(certificate)) {
      if (!keys.contains(s[0]) || seen.contains(s[0])) {
        return false;
      }
      seen.add(s[0]);
      Ed25519Signer verifier = new Ed25519Signer();
      verifier.init(false, new Ed25519PublicKeyParameters(HEX.parseHex(s[0]), 0));
      verifier.update(statement, 0, statement.length);
      if (!verifier.verifySignature(HEX.parseHex(s[1]))) {
        return false;
      }
    }
    return 3 * seen.size() > 2 * keys.size();
  }

  // ---- helpers ----

  /** What the joiner said at one moment: its barrier, then (read after) its certificate. */
  private record Sample(Instant at, boolean barrierUp, boolean holdsCertificate) {}

  private static Sample sample(Node node, long certificateEpoch) {
    Instant at = Instant.now();
    boolean up = barrierUp(node);
    boolean holds =
        node.http().get("api/v1/handoff/certificates/" + certificateEpoch).statusCode() == 200;
    return new Sample(at, up, holds);
  }

  private static boolean barrierUp(Node node) {
    JsonObject health = Json.object(node.http().get("health/ready"));
    for (JsonValue v : health.getJsonArray("checks")) {
      JsonObject check = v.asJsonObject();
      if (check.getString("name").equals("handoff-barrier")) {
        return check.getString("status").equals("UP");
      }
    }
    throw new AssertionError("no handoff-barrier check in " + health);
  }

  private static String phase(Node node, long epoch) {
    try {
      return Json.object(node.http().get("api/v1/handoff/" + epoch)).getString("phase");
    } catch (UncheckedIOException down) {
      return "DOWN";
    }
  }

  private static JsonObject verify(
      Node at, String certificate, long epoch, List<Node> of, List<Node> next) {
    String body =
        "{\"certificate\":"
            + certificate
            + ",\"committee\":{\"epoch\":"
            + epoch
            + ","
            + membersJson(of)
            + "},\"nextCommittee\":{\"epoch\":"
            + (epoch + 1)
            + ","
            + membersJson(next)
            + "}}";
    HttpResponse<byte[]> answer = at.http().postJson("api/v1/handoff/verify", body);
    assertThat(answer.statusCode()).as(Http.text(answer)).isEqualTo(200);
    return Json.object(answer);
  }

  private static String membersJson(List<Node> nodes) {
    String json = CommitteeOfNodes.committeeJson(nodes);
    return json.substring(1, json.length() - 1);
  }

  private static String entry(Node node, String url) {
    return "{\"name\":\"node-"
        + node.index()
        + "\",\"identityKey\":\""
        + node.identityKey()
        + "\",\"stake\":1,\"url\":\""
        + url
        + "\"}";
  }

  private static String committeeJson(List<String> entries) {
    return "{\"members\":[" + String.join(",", entries) + "]}";
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

  private static Instant startOf(long epoch) {
    return committee.genesis().plus(EPOCH_LENGTH.multipliedBy(epoch));
  }

  private static Instant at(long epoch, double fraction) {
    return startOf(epoch).plusMillis(Math.round(EPOCH_LENGTH.toMillis() * fraction));
  }

  private static void sleepUntil(Instant when) throws InterruptedException {
    long millis = Duration.between(Instant.now(), when).toMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }

  private static void await(BooleanSupplier done, String what) throws InterruptedException {
    await(done, what, WITHIN);
  }

  private static void await(BooleanSupplier done, String what, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (done.getAsBoolean()) {
          return;
        }
      } catch (UncheckedIOException notListening) {
        // keep polling
      }
      Thread.sleep(200);
    }
    throw new AssertionError("not within " + within + ": " + what);
  }

  private static long metric(Node node, String name) {
    String text = Http.text(node.http().get("metrics"));
    long total = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith(name) && !line.startsWith("#")) {
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
   * A test peer the joiner's view of e + 2 names for three members: it serves bad certificates of
   * any epoch in turn (404 until it has them), takes peer messages and lists no metadata.
   */
  static final class Liar implements AutoCloseable {
    private final HttpServer server;
    private volatile List<Map.Entry<String, String>> certificates = List.of();
    private final AtomicInteger turn = new AtomicInteger();
    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();

    Liar() throws Exception {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/",
          exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] answer;
            int status = 200;
            List<Map.Entry<String, String>> bad = certificates;
            if (path.startsWith("/api/v1/handoff/certificates/") && !bad.isEmpty()) {
              Map.Entry<String, String> next =
                  bad.get(Math.floorMod(turn.getAndIncrement(), bad.size()));
              served.computeIfAbsent(next.getKey(), k -> new AtomicInteger()).incrementAndGet();
              answer = next.getValue().getBytes(StandardCharsets.UTF_8);
            } else if (path.startsWith("/api/v1/metadata/")) {
              answer = "{\"epoch\":0,\"announcements\":[]}".getBytes(StandardCharsets.UTF_8);
            } else if (path.startsWith("/api/v1/peer/")) {
              answer = "{\"known\":false}".getBytes(StandardCharsets.UTF_8);
            } else {
              answer =
                  "{\"error\":\"CERTIFICATE_NOT_FOUND\",\"message\":\"no\"}"
                      .getBytes(StandardCharsets.UTF_8);
              status = 404;
            }
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(answer);
            }
          });
      server.start();
    }

    void serve(Map<String, String> bad) {
      certificates = List.copyOf(bad.entrySet());
    }

    Map<String, String> certificates() {
      Map<String, String> map = new java.util.LinkedHashMap<>();
      certificates.forEach(en -> map.put(en.getKey(), en.getValue()));
      return map;
    }

    void resetCounts() {
      served.clear();
    }

    boolean servedEach() {
      List<Map.Entry<String, String>> bad = certificates;
      return !bad.isEmpty()
          && bad.stream()
              .allMatch(
                  en ->
                      Optional.ofNullable(served.get(en.getKey())).map(AtomicInteger::get).orElse(0)
                          > 0);
    }

    Map<String, Integer> counts() {
      Map<String, Integer> map = new java.util.TreeMap<>();
      served.forEach((k, v) -> map.put(k, v.get()));
      return map;
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  /**
   * The joiner's way to one honest member: while closed it answers 503 to everything, as a
   * partitioned peer would; once open it forwards each request, unchanged, to the member's peer
   * listener and hands back its answer.
   */
  static final class Gate implements AutoCloseable {
    private final HttpServer server;
    private final java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    private volatile String target;
    private volatile boolean open;
    private final AtomicInteger forwarded = new AtomicInteger();

    Gate() throws Exception {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
      server.createContext(
          "/",
          exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            byte[] answer;
            int status;
            if (!open) {
              answer =
                  "{\"error\":\"UNAVAILABLE\",\"message\":\"closed\"}"
                      .getBytes(StandardCharsets.UTF_8);
              status = 503;
              exchange.getResponseHeaders().add("Content-Type", "application/json");
            } else {
              try {
                HttpRequest.Builder request =
                    HttpRequest.newBuilder(
                            java.net.URI.create(target + exchange.getRequestURI().toString()))
                        .timeout(Duration.ofSeconds(10))
                        .method(
                            exchange.getRequestMethod(),
                            body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
                String type = exchange.getRequestHeaders().getFirst("Content-Type");
                if (type != null) {
                  request.header("Content-Type", type);
                }
                HttpResponse<byte[]> got =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                forwarded.incrementAndGet();
                answer = got.body();
                status = got.statusCode();
                got.headers()
                    .firstValue("Content-Type")
                    .ifPresent(t -> exchange.getResponseHeaders().add("Content-Type", t));
              } catch (Exception e) {
                answer = new byte[0];
                status = 502;
              }
            }
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(answer);
            }
          });
      server.start();
    }

    void forwardTo(String url) {
      target = url;
    }

    void open() {
      open = true;
    }

    int forwarded() {
      return forwarded.get();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
