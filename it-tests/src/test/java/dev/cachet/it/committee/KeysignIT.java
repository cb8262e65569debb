package dev.cachet.it.committee;

import static dev.cachet.it.BlobApiChecks.isError;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cachet.frost.RoundOneState;
import dev.cachet.frost.Scalar;
import dev.cachet.frost.SignatureShares;
import dev.cachet.frost.Signer;
import dev.cachet.it.CommitteeOfNodes;
import dev.cachet.it.CommitteeOfNodes.Node;
import dev.cachet.it.Http;
import dev.cachet.it.Json;
import dev.cachet.it.Secp256k1Schnorr;
import dev.cachet.keysign.DigestBook;
import dev.cachet.keysign.KeysignKey;
import dev.cachet.keysign.KeysignWire;
import dev.cachet.keysign.SignedMessage;
import dev.cachet.keysign.TxDigest;
import dev.cachet.node.IdentityKey;
import dev.cachet.peer.MessageKind;
import dev.cachet.peer.PeerSigner;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Batched threshold keysign between five real nodes on loopback (issue 14), with a 3-of-5 key dealt
 * by one node: a hundred nonces fed to every node in its own random order are all signed, every
 * node holds the same signatures and each verifies under the group key by the test's own RFC 9591
 * check; a gap holds back only the nonces after it; a replaced digest is signed anew; a killed
 * coordinator's batch is signed by the next attempt's; a participant of a second key (a small
 * server in the test holding a real key package) that sends invalid shares is named and the batch
 * still signed; and a coordinator asking for a digest a node does not hold gets 409 with nothing
 * recorded.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeysignIT {

  private static final long SLOTS_PER_EPOCH = 600;
  private static final long EPOCH = 10;
  private static final long TIMEOUT_MILLIS = 3000;
  private static final Duration WITHIN = Duration.ofSeconds(60);
  private static final HexFormat HEX = HexFormat.of();
  private static final long CHAIN = 1;
  private static final long LIAR_CHAIN = 2;

  private static CommitteeOfNodes committee;
  private static List<Node> nodes;
  private static LyingParticipant liar;
  private static String groupKey;
  private static final Random random = new Random(14);

  @BeforeAll
  static void start() throws Exception {
    Instant genesis =
        Instant.ofEpochSecond(Instant.now().getEpochSecond() - EPOCH * SLOTS_PER_EPOCH - 60);
    liar = new LyingParticipant();
    committee =
        CommitteeOfNodes.start(
            Path.of(System.getProperty("cachet.committee-data-dir")),
            5,
            Map.of(
                "CACHET_CHAIN_SECONDS_PER_SLOT",
                "1",
                "CACHET_CHAIN_SLOTS_PER_EPOCH",
                Long.toString(SLOTS_PER_EPOCH),
                "CACHET_KEYSIGN_SESSION_TIMEOUT_MILLIS",
                Long.toString(TIMEOUT_MILLIS)),
            genesis);
    nodes = committee.nodes();
    String members = CommitteeOfNodes.committeeJson(nodes);
    String withLiar =
        members.substring(0, members.length() - 2)
            + ",{\"name\":\"liar\",\"identityKey\":\""
            + liar.identityKey().hex()
            + "\",\"stake\":1,\"url\":\""
            + liar.url()
            + "\"}]}";
    for (Node node : nodes) {
      for (long e = EPOCH - 1; e <= EPOCH + 1; e++) {
        HttpResponse<byte[]> set =
            node.http().putJson("api/v1/admin/committees/" + e, withLiar, node.adminToken());
        assertThat(set.statusCode()).as(Http.text(set)).isIn(200, 201);
      }
    }
    // The main key: 3-of-5 over the five nodes, dealt by node 0, which keeps nothing.
    JsonObject dealing = deal(nodes.get(0), "main", nodes.stream().map(Node::identityKey).toList());
    groupKey = dealing.getString("groupPublicKey");
    importAll(dealing, nodes);
    for (Node node : nodes) {
      bind(node, CHAIN, "main");
    }
    // The liar's key: 3-of-5 over nodes 0..3 and the liar.
    List<String> liarMembers = new ArrayList<>();
    nodes.subList(0, 4).forEach(n -> liarMembers.add(n.identityKey()));
    liarMembers.add(liar.identityKey().hex());
    JsonObject liarDealing = deal(nodes.get(1), "liars", liarMembers);
    importAll(liarDealing, nodes.subList(0, 4));
    for (JsonValue p : liarDealing.getJsonArray("packages")) {
      if (p.asJsonObject().getString("identityKey").equals(liar.identityKey().hex())) {
        liar.hold(KeysignKey.decode(HEX.parseHex(p.asJsonObject().getString("keyPackage"))));
      }
    }
    for (Node node : nodes.subList(0, 4)) {
      bind(node, LIAR_CHAIN, "liars");
    }
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
  void keysAreImportedOnlyByTheirOwnersAndTheObserverApiRefusesBadInput() {
    Node node = nodes.get(0);
    JsonObject key = Json.object(node.http().get("api/v1/keysign/keys/main"));
    assertThat(key.getString("groupPublicKey")).isEqualTo(groupKey).hasSize(66);
    assertThat(key.getInt("threshold")).isEqualTo(3);
    assertThat(key.getJsonArray("participants")).hasSize(5);
    List<String> ids =
        key.getJsonArray("participants").stream()
            .map(p -> p.asJsonObject().getString("identityKey"))
            .toList();
    assertThat(ids).isSorted();
    // Another node's package, and a package under another id.
    JsonObject again = deal(node, "other", nodes.stream().map(Node::identityKey).toList());
    String foreign = packageOf(again, nodes.get(1).identityKey());
    isError(importKey(node, "other", foreign), 400, "INVALID_KEY_PACKAGE");
    String own = packageOf(again, node.identityKey());
    isError(importKey(node, "main", own), 400, "INVALID_KEY_PACKAGE");
    // A package whose share does not match its VSS commitment: one bit of the share flipped.
    byte[] bytes = HEX.parseHex(own);
    // version, id length, id, count, five identity keys; then the FROST header and identifier.
    int shareAt = 1 + 1 + "other".length() + 2 + 5 * 32 + 3 + 32;
    bytes[shareAt + 20] ^= 1;
    isError(importKey(node, "other", HEX.formatHex(bytes)), 400, "INVALID_KEY_PACKAGE");
    HttpResponse<byte[]> imported = importKey(node, "other", own);
    assertThat(imported.statusCode()).as(Http.text(imported)).isEqualTo(201);
    assertThat(importKey(node, "other", own).statusCode()).isEqualTo(200);
    String different =
        packageOf(
            deal(node, "other", nodes.stream().map(Node::identityKey).toList()),
            node.identityKey());
    isError(importKey(node, "other", different), 409, "KEY_EXISTS");
    isError(node.http().get("api/v1/keysign/keys/nope"), 404, "KEY_NOT_FOUND");
    // The chain observer's endpoints.
    isError(node.http().get("api/v1/keysign/99"), 404, "CHAIN_NOT_FOUND");
    isError(node.http().get("api/v1/keysign/4294967296"), 400, "INVALID_CHAIN_ID");
    isError(offer(node, CHAIN, 0, "zz"), 400, "INVALID_DIGEST");
    isError(offer(node, CHAIN, -1, digest(0, 0)), 400, "INVALID_NONCE");
    isError(pending(node, CHAIN, 5, 2), 400, "INVALID_PENDING");
    isError(node.http().get("api/v1/keysign/1/signatures/0"), 404, "SIGNATURE_NOT_FOUND");
    isError(
        node.http()
            .putJson(
                "api/v1/admin/keysign/chains/" + CHAIN, "{\"keyId\":\"liars\"}", node.adminToken()),
        409,
        "CHAIN_BOUND");
    isError(
        node.http()
            .putJson(
                "api/v1/admin/keysign/chains/3",
                "{\"keyId\":\"main\",\"batchSize\":0}",
                node.adminToken()),
        400,
        "INVALID_BATCH_SIZE");
    // Peers' endpoints are on the peer listener; the observer's are not.
    isError(node.micro().peerHttp().get("api/v1/keysign/" + CHAIN), 404, "NOT_FOUND");
  }

  @Test
  @Order(2)
  void aHundredNoncesInRandomOrderAreSignedAlikeOnEveryNodeAndVerify() throws Exception {
    for (Node node : nodes) {
      assertThat(pending(node, CHAIN, 0, 100).statusCode()).isEqualTo(200);
    }
    ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
    try {
      List<Future<?>> feeding = new ArrayList<>();
      for (Node node : nodes) {
        List<Integer> order = new ArrayList<>();
        for (int n = 0; n < 100; n++) {
          order.add(n);
        }
        Collections.shuffle(order, new Random(random.nextLong()));
        feeding.add(
            pool.submit(
                () -> {
                  for (int n : order) {
                    HttpResponse<byte[]> offered = offer(node, CHAIN, n, digest(CHAIN, n));
                    assertThat(offered.statusCode()).as(Http.text(offered)).isIn(200, 202);
                  }
                  return null;
                }));
      }
      for (Future<?> f : feeding) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    awaitSigned(nodes, CHAIN, 0, 100);
    for (int n = 0; n < 100; n++) {
      String signature = null;
      for (Node node : nodes) {
        JsonObject s = Json.object(node.http().get("api/v1/keysign/1/signatures/" + n));
        assertThat(s.getString("digest")).isEqualTo(digest(CHAIN, n));
        if (signature == null) {
          signature = s.getString("signature");
        }
        assertThat(s.getString("signature"))
            .as("nonce %d on node %d", n, node.index())
            .isEqualTo(signature);
      }
      assertThat(
              Secp256k1Schnorr.verify(
                  HEX.parseHex(groupKey), HEX.parseHex(digest(CHAIN, n)), HEX.parseHex(signature)))
          .as("nonce %d verifies under the group key", n)
          .isTrue();
    }
    // The same digest again: its signature at once (200).
    HttpResponse<byte[]> again = offer(nodes.get(2), CHAIN, 42, digest(CHAIN, 42));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(Json.object(again).getString("signature")).hasSize(130);
    // Batching: far fewer sessions than digests.
    long batches =
        Json.object(nodes.get(0).http().get("api/v1/keysign/1"))
            .getJsonNumber("batchesSigned")
            .longValue();
    assertThat(batches).isBetween(10L, 99L);
    // Below low is final: pruned, and stale.
    for (Node node : nodes) {
      assertThat(pending(node, CHAIN, 100, 100).statusCode()).isEqualTo(200);
    }
    isError(offer(nodes.get(0), CHAIN, 99, digest(CHAIN, 99)), 410, "NONCE_STALE");
    isError(pending(nodes.get(0), CHAIN, 50, 100), 400, "NONCE_REGRESSION");
  }

  @Test
  @Order(3)
  void aGapHoldsBackOnlyTheNoncesAfterIt() throws Exception {
    for (Node node : nodes) {
      pending(node, CHAIN, 100, 130);
      for (int n = 100; n < 130; n++) {
        if (n != 115) {
          assertThat(offer(node, CHAIN, n, digest(CHAIN, n)).statusCode()).isEqualTo(202);
        }
      }
    }
    awaitSigned(nodes, CHAIN, 100, 115);
    Thread.sleep(2 * TIMEOUT_MILLIS);
    for (Node node : nodes) {
      JsonObject status = Json.object(node.http().get("api/v1/keysign/1"));
      List<Long> unsigned =
          status.getJsonArray("pending").stream()
              .map(v -> ((jakarta.json.JsonNumber) v).longValue())
              .toList();
      assertThat(unsigned)
          .as("node %d", node.index())
          .contains(115L, 116L, 129L)
          .doesNotContain(114L);
      isError(node.http().get("api/v1/keysign/1/signatures/116"), 404, "SIGNATURE_NOT_FOUND");
    }
    for (Node node : nodes) {
      offer(node, CHAIN, 115, digest(CHAIN, 115));
    }
    awaitSigned(nodes, CHAIN, 115, 130);
  }

  @Test
  @Order(4)
  void aReplacementDigestIsSignedAnew() throws Exception {
    for (Node node : nodes) {
      pending(node, CHAIN, 130, 131);
      offer(node, CHAIN, 130, digest(CHAIN, 130));
    }
    awaitSigned(nodes, CHAIN, 130, 131);
    String first = signatureOf(nodes.get(0), CHAIN, 130);
    String bumped = digest(CHAIN + 100, 130);
    for (Node node : nodes) {
      HttpResponse<byte[]> replaced = offer(node, CHAIN, 130, bumped);
      assertThat(replaced.statusCode()).as(Http.text(replaced)).isEqualTo(202);
      assertThat(Json.object(replaced).getString("status")).isEqualTo("PENDING");
    }
    await(
        () ->
            nodes.stream()
                .allMatch(
                    n -> {
                      HttpResponse<byte[]> s = n.http().get("api/v1/keysign/1/signatures/130");
                      return s.statusCode() == 200
                          && Json.object(s).getString("digest").equals(bumped);
                    }),
        "the replacement to be signed on every node");
    String second = signatureOf(nodes.get(3), CHAIN, 130);
    assertThat(second).isNotEqualTo(first);
    assertThat(
            Secp256k1Schnorr.verify(
                HEX.parseHex(groupKey), HEX.parseHex(bumped), HEX.parseHex(second)))
        .isTrue();
  }

  @Test
  @Order(5)
  void aKilledCoordinatorsBatchIsSignedByTheNextAttemptsCoordinator() throws Exception {
    List<Node> byKey = new ArrayList<>(nodes);
    byKey.sort((a, b) -> a.identityKey().compareTo(b.identityKey()));
    // The first batch from 14 whose attempt-0 coordinator is not node 0 (it stays up to check).
    long batch = 14;
    while (byKey.get(coordinator(batch, CHAIN, 0, 5)).index() == 0) {
      batch++;
      assertThat(batch).isLessThan(1000);
    }
    Node doomed = byKey.get(coordinator(batch, CHAIN, 0, 5));
    Node next = byKey.get(coordinator(batch, CHAIN, 1, 5));
    long first = batch * 10;
    List<Node> others = nodes.stream().filter(n -> n != doomed).toList();
    for (Node node : nodes) {
      pending(node, CHAIN, 131, first + 10);
      for (long n = 131; n < first; n++) {
        offer(node, CHAIN, n, digest(CHAIN, n));
      }
    }
    awaitSigned(nodes, CHAIN, 131, first);
    long signedByNextBefore = metric(next, "cachet_keysign_sessions_signed_total", "chain=\"1\"");
    // The coordinator and one other node have the batch's digests: the coordinator's sessions
    // start and cannot finish (the others answer DIGEST_NOT_YET). Then it dies.
    Node helper = others.get(0) == next ? others.get(1) : others.get(0);
    for (Node node : List.of(doomed, helper)) {
      for (long n = first; n < first + 10; n++) {
        offer(node, CHAIN, n, digest(CHAIN, n));
      }
    }
    Thread.sleep(500);
    doomed.micro().kill();
    for (Node node : others) {
      for (long n = first; n < first + 10; n++) {
        offer(node, CHAIN, n, digest(CHAIN, n));
      }
    }
    awaitSigned(others, CHAIN, first, first + 10);
    assertThat(metric(next, "cachet_keysign_sessions_signed_total", "chain=\"1\""))
        .as("sessions the next attempt's coordinator signed")
        .isGreaterThan(signedByNextBefore);
    // Back up, the killed node catches up: its peers answer its round one with the signatures.
    doomed.micro().start();
    awaitSigned(List.of(doomed), CHAIN, first, first + 10);
    assertThat(signatureOf(doomed, CHAIN, first)).isEqualTo(signatureOf(next, CHAIN, first));
  }

  @Test
  @Order(6)
  void aParticipantSendingInvalidSharesIsNamedAndTheBatchIsStillSignedByTheOthers()
      throws Exception {
    List<String> order = new ArrayList<>();
    nodes.subList(0, 4).forEach(n -> order.add(n.identityKey()));
    order.add(liar.identityKey().hex());
    Collections.sort(order);
    int liarAt = order.indexOf(liar.identityKey().hex());
    // A batch whose attempt-0 coordinator sits one or two places before the liar: the liar is
    // among its first two picks, the threshold minus itself. (Not every place can coordinate
    // attempt 0 of chain 2: CantorPair(b, 2) mod 5 is 0, 2 or 3.)
    long batch = 0;
    while (coordinator(batch, LIAR_CHAIN, 0, 5) != (liarAt + 4) % 5
        && coordinator(batch, LIAR_CHAIN, 0, 5) != (liarAt + 3) % 5) {
      batch++;
      assertThat(batch).as("a batch the liar's neighbour coordinates").isLessThan(1000);
    }
    long first = batch * 10;
    List<Node> honest = nodes.subList(0, 4);
    for (Node node : honest) {
      pending(node, LIAR_CHAIN, first, first + 10);
      for (long n = first; n < first + 10; n++) {
        offer(node, LIAR_CHAIN, n, digest(LIAR_CHAIN, n));
      }
    }
    awaitSigned(honest, LIAR_CHAIN, first, first + 10);
    assertThat(liar.sharesSent()).as("invalid shares the liar sent").isPositive();
    long named = 0;
    for (Node node : honest) {
      named +=
          metric(
              node,
              "cachet_keysign_culprits_total",
              "participant=\"" + liar.identityKey().hex() + "\"");
    }
    assertThat(named).as("sessions that named the liar").isPositive();
    String liarsKey =
        Json.object(nodes.get(0).http().get("api/v1/keysign/keys/liars"))
            .getString("groupPublicKey");
    for (long n = first; n < first + 10; n++) {
      assertThat(
              Secp256k1Schnorr.verify(
                  HEX.parseHex(liarsKey),
                  HEX.parseHex(digest(LIAR_CHAIN, n)),
                  HEX.parseHex(signatureOf(nodes.get(1), LIAR_CHAIN, n))))
          .isTrue();
    }
    liar.nextBatch = batch + 1;
  }

  @Test
  @Order(7)
  void aCoordinatorAskingForADigestANodeDoesNotHoldGets409AndNothingIsRecorded() throws Exception {
    Node node = nodes.get(0);
    List<String> order = new ArrayList<>();
    nodes.subList(0, 4).forEach(n -> order.add(n.identityKey()));
    order.add(liar.identityKey().hex());
    Collections.sort(order);
    int liarAt = order.indexOf(liar.identityKey().hex());
    long batch = liar.nextBatch;
    long first = batch * 10;
    pending(node, LIAR_CHAIN, first, first + 1);
    offer(node, LIAR_CHAIN, first, digest(LIAR_CHAIN, first));
    long attempt = 0;
    while (coordinator(batch, LIAR_CHAIN, attempt, 5) != liarAt) {
      attempt++;
      assertThat(attempt).isLessThan(5);
    }
    long released = metric(node, "cachet_keysign_shares_released_total", "chain=\"2\"");
    KeysignWire.Session session =
        new KeysignWire.Session(
            "liars",
            LIAR_CHAIN,
            batch,
            attempt,
            IdentityKey.parse(liar.identityKey().hex()),
            new byte[16]);
    TxDigest wrong = TxDigest.parse(digest(LIAR_CHAIN + 50, first));
    String request =
        liar.signedJson(
            MessageKind.KEYSIGN_COMMIT,
            KeysignWire.encode(
                new KeysignWire.CommitRequest(
                    session, List.of(new DigestBook.Item(first, wrong)))));
    isError(
        node.micro().peerHttp().postJson("api/v1/peer/keysign/commit", request),
        409,
        "DIGEST_MISMATCH");
    // Nothing was kept: no round-one state to sign with, no release recorded, the digest held.
    String sign =
        liar.signedJson(
            MessageKind.KEYSIGN_SIGN,
            HEX.parseHex("00")); // not even a package: refused before any state is looked at
    isError(
        node.micro().peerHttp().postJson("api/v1/peer/keysign/sign", sign),
        400,
        "INVALID_KEYSIGN_MESSAGE");
    assertThat(metric(node, "cachet_keysign_shares_released_total", "chain=\"2\""))
        .isEqualTo(released);
    HttpResponse<byte[]> held = offer(node, LIAR_CHAIN, first, digest(LIAR_CHAIN, first));
    assertThat(held.statusCode()).isIn(200, 202);
    // The same request from someone else than the attempt's coordinator, and from an outsider.
    KeysignWire.Session notTheirs =
        new KeysignWire.Session(
            "liars",
            LIAR_CHAIN,
            batch,
            attempt + 1,
            IdentityKey.parse(liar.identityKey().hex()),
            new byte[16]);
    String wrongAttempt =
        liar.signedJson(
            MessageKind.KEYSIGN_COMMIT,
            KeysignWire.encode(
                new KeysignWire.CommitRequest(
                    notTheirs,
                    List.of(
                        new DigestBook.Item(first, TxDigest.parse(digest(LIAR_CHAIN, first)))))));
    isError(
        node.micro().peerHttp().postJson("api/v1/peer/keysign/commit", wrongAttempt),
        409,
        "NOT_THE_COORDINATOR");
    LyingParticipant outsider = new LyingParticipant();
    try {
      KeysignWire.Session theirs =
          new KeysignWire.Session(
              "liars",
              LIAR_CHAIN,
              batch,
              attempt,
              IdentityKey.parse(outsider.identityKey().hex()),
              new byte[16]);
      String fromOutsider =
          outsider.signedJson(
              MessageKind.KEYSIGN_COMMIT,
              KeysignWire.encode(
                  new KeysignWire.CommitRequest(
                      theirs,
                      List.of(
                          new DigestBook.Item(first, TxDigest.parse(digest(LIAR_CHAIN, first)))))));
      isError(
          node.micro().peerHttp().postJson("api/v1/peer/keysign/commit", fromOutsider),
          403,
          "NOT_A_PARTICIPANT");
    } finally {
      outsider.close();
    }
    // A flipped signature bit.
    int at = request.indexOf("\"signature\":\"") + "\"signature\":\"".length();
    char flipped = request.charAt(at) == '0' ? '1' : '0';
    String tampered = request.substring(0, at) + flipped + request.substring(at + 1);
    isError(
        node.micro().peerHttp().postJson("api/v1/peer/keysign/commit", tampered),
        400,
        "INVALID_SIGNATURE");
    assertThat(metric(node, "cachet_keysign_shares_released_total", "chain=\"2\""))
        .isEqualTo(released);
  }

  // ---- helpers ----

  /** The test's own rotation: (CantorPair(batch, chain) + attempt) mod n. */
  static int coordinator(long batch, long chain, long attempt, int n) {
    BigInteger sum = BigInteger.valueOf(batch + chain);
    BigInteger cantor =
        sum.multiply(sum.add(BigInteger.ONE)).divide(BigInteger.TWO).add(BigInteger.valueOf(chain));
    return cantor.add(BigInteger.valueOf(attempt)).mod(BigInteger.valueOf(n)).intValue();
  }

  private static JsonObject deal(Node on, String keyId, List<String> members) {
    StringBuilder body =
        new StringBuilder("{\"keyId\":\"" + keyId + "\",\"threshold\":3,\"members\":[");
    for (int i = 0; i < members.size(); i++) {
      body.append(i == 0 ? "" : ",").append('"').append(members.get(i)).append('"');
    }
    body.append("]}");
    HttpResponse<byte[]> dealt =
        on.http().postJson("api/v1/admin/keysign/dealings", body.toString(), on.adminToken());
    assertThat(dealt.statusCode()).as(Http.text(dealt)).isEqualTo(201);
    return Json.object(dealt);
  }

  private static String packageOf(JsonObject dealing, String identityKey) {
    for (JsonValue p : dealing.getJsonArray("packages")) {
      if (p.asJsonObject().getString("identityKey").equals(identityKey)) {
        return p.asJsonObject().getString("keyPackage");
      }
    }
    throw new AssertionError("no package for " + identityKey);
  }

  private static void importAll(JsonObject dealing, List<Node> on) {
    for (Node node : on) {
      String keyId = dealing.getString("keyId");
      HttpResponse<byte[]> imported =
          importKey(node, keyId, packageOf(dealing, node.identityKey()));
      assertThat(imported.statusCode()).as(Http.text(imported)).isEqualTo(201);
    }
  }

  private static HttpResponse<byte[]> importKey(Node node, String keyId, String keyPackage) {
    return node.http()
        .putJson(
            "api/v1/admin/keysign/keys/" + keyId,
            "{\"keyPackage\":\"" + keyPackage + "\"}",
            node.adminToken());
  }

  private static void bind(Node node, long chain, String keyId) {
    HttpResponse<byte[]> bound =
        node.http()
            .putJson(
                "api/v1/admin/keysign/chains/" + chain,
                "{\"keyId\":\"" + keyId + "\"}",
                node.adminToken());
    assertThat(bound.statusCode()).as(Http.text(bound)).isEqualTo(201);
  }

  private static HttpResponse<byte[]> pending(Node node, long chain, long low, long high) {
    return node.http()
        .send(
            node.http()
                .request("api/v1/keysign/" + chain + "/pending")
                .header("Content-Type", "application/json")
                .PUT(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"low\":" + low + ",\"high\":" + high + "}"))
                .build());
  }

  private static HttpResponse<byte[]> offer(Node node, long chain, long nonce, String digest) {
    return node.http()
        .postJson(
            "api/v1/keysign/" + chain + "/digests",
            "{\"nonce\":" + nonce + ",\"digest\":\"" + digest + "\"}");
  }

  /** A deterministic 32-byte digest per (chain, nonce). */
  static String digest(long chain, long nonce) {
    try {
      return HEX.formatHex(
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(("tx " + chain + "/" + nonce).getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String signatureOf(Node node, long chain, long nonce) {
    HttpResponse<byte[]> s = node.http().get("api/v1/keysign/" + chain + "/signatures/" + nonce);
    assertThat(s.statusCode()).as(Http.text(s)).isEqualTo(200);
    return Json.object(s).getString("signature");
  }

  private static void awaitSigned(List<Node> on, long chain, long from, long to)
      throws InterruptedException {
    await(
        () -> {
          for (Node node : on) {
            for (long n = from; n < to; n++) {
              if (node.http().get("api/v1/keysign/" + chain + "/signatures/" + n).statusCode()
                  != 200) {
                return false;
              }
            }
          }
          return true;
        },
        "nonces " + from + ".." + (to - 1) + " of chain " + chain + " to be signed on every node");
  }

  private static void await(BooleanSupplier done, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (done.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        // a node restarting: try again
      }
      Thread.sleep(200);
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  private static long metric(Node node, String name, String label) {
    String text = Http.text(node.http().get("metrics"));
    long total = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith(name + "{") && line.contains(label)) {
        total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  /**
   * A participant of the second key, run by the test: a small HTTP server holding a real key
   * package, which answers round one with real commitments and round two with shares that are each
   * one more than they should be.
   */
  static final class LyingParticipant implements AutoCloseable, PeerSigner {
    private final Ed25519PrivateKeyParameters key =
        new Ed25519PrivateKeyParameters(new SecureRandom());
    private final HttpServer server;
    private final Map<String, RoundOneState> rounds = new ConcurrentHashMap<>();
    private final AtomicInteger sharesSent = new AtomicInteger();
    private volatile KeysignKey share;
    volatile long nextBatch;

    LyingParticipant() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/api/v1/peer/keysign/commit", this::commit);
      server.createContext("/api/v1/peer/keysign/sign", this::sign);
      server.createContext(
          "/api/v1/peer/keysign/signatures", x -> answer(x, 200, "{\"stored\":0}"));
      server.start();
    }

    void hold(KeysignKey share) {
      this.share = share;
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public IdentityKey identityKey() {
      return IdentityKey.of(key.generatePublicKey().getEncoded());
    }

    @Override
    public byte[] sign(byte[] frame) {
      Ed25519Signer signer = new Ed25519Signer();
      signer.init(true, key);
      signer.update(frame, 0, frame.length);
      return signer.generateSignature();
    }

    int sharesSent() {
      return sharesSent.get();
    }

    String signedJson(MessageKind kind, byte[] body) {
      SignedMessage m = SignedMessage.sign(kind, EPOCH, body, this);
      return "{\"epoch\":"
          + m.epoch()
          + ",\"signer\":\""
          + m.signer().hex()
          + "\",\"body\":\""
          + HEX.formatHex(m.body())
          + "\",\"signature\":\""
          + HEX.formatHex(m.signature())
          + "\"}";
    }

    private static byte[] bodyOf(HttpExchange x) throws IOException {
      JsonObject o =
          jakarta.json.Json.createReader(
                  new java.io.StringReader(
                      new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)))
              .readObject();
      return HEX.parseHex(o.getString("body"));
    }

    private void commit(HttpExchange x) throws IOException {
      KeysignWire.CommitRequest request = KeysignWire.commitRequest(bodyOf(x));
      RoundOneState state =
          new Signer(share.share(), new SecureRandom()).commit(request.items().size());
      rounds.put(request.session().name(), state);
      byte[] answer =
          KeysignWire.encode(
              new KeysignWire.CommitAnswer(
                  request.session(),
                  identityKey(),
                  java.util.Optional.of(state.commitments()),
                  List.of()));
      answer(x, 200, signedJson(MessageKind.KEYSIGN_COMMITMENTS, answer));
    }

    private void sign(HttpExchange x) throws IOException {
      KeysignWire.SignRequest request = KeysignWire.signRequest(bodyOf(x));
      RoundOneState state = rounds.remove(request.session().name());
      if (state == null) {
        answer(x, 409, "{\"error\":\"SESSION_UNKNOWN\",\"message\":\"no round one\"}");
        return;
      }
      SignatureShares honest = state.sign(request.signingPackage());
      List<Scalar> bent = new ArrayList<>();
      for (Scalar s : honest.shares()) {
        BigInteger plusOne =
            new BigInteger(1, s.toBytes()).add(BigInteger.ONE).mod(s.suite().order());
        byte[] bytes = new byte[32];
        byte[] raw = plusOne.toByteArray();
        int from = Math.max(0, raw.length - 32);
        System.arraycopy(raw, from, bytes, 32 - (raw.length - from), raw.length - from);
        bent.add(Scalar.decode(s.suite(), bytes));
      }
      byte[] answer =
          KeysignWire.encode(
              new KeysignWire.SharesAnswer(
                  request.session(), identityKey(), new SignatureShares(honest.id(), bent)));
      sharesSent.incrementAndGet();
      answer(x, 200, signedJson(MessageKind.KEYSIGN_SHARES, answer));
    }

    private static void answer(HttpExchange x, int status, String json) throws IOException {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().add("Content-Type", "application/json");
      x.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = x.getResponseBody()) {
        out.write(bytes);
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
