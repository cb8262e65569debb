package dev.cachet.bench.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark's transaction feeder: a member, without a checkpoint duty (no validator, so never
 * a proposer and never attesting), of the committee of the epoch after the run's, that relays
 * transactions to every node's pool the way a member does ({@code POST
 * /api/v1/peer/checkpoint/txs}, up to 1,000 in one relay signed with its Ed25519 identity key over
 * the peer frame of kind {@code cachet/checkpoint-txs}, docs/protocol.md §12). A node takes a relay
 * for epoch {@code e} (its current one) from a member of the committee of {@code e} or {@code e +
 * 1}, so the run's own epoch is the committee of the four nodes alone. Its key is the JDK's Ed25519
 * (RFC 8032, as the node verifies).
 */
final class CheckpointNodesFeeder {

  /** The most transactions one relay carries (the node's limit). */
  static final int MAX_TXS = 1000;

  private static final byte[] TAG = "cachet/checkpoint-txs".getBytes(StandardCharsets.US_ASCII);
  private static final byte FRAME_VERSION = 1;

  private final PrivateKey key;
  final String identityKey;

  private CheckpointNodesFeeder(PrivateKey key, String identityKey) {
    this.key = key;
    this.identityKey = identityKey;
  }

  /** A new key, saved to {@code file} (PKCS#8) with its identity key beside it. */
  static CheckpointNodesFeeder create(Path file) throws GeneralSecurityException, IOException {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Files.write(file, pair.getPrivate().getEncoded());
    byte[] x509 = pair.getPublic().getEncoded(); // 12-byte SubjectPublicKeyInfo prefix, 32 bytes
    String identity =
        CheckpointNodesBench.HEX.formatHex(Arrays.copyOfRange(x509, x509.length - 32, x509.length));
    Files.writeString(file.resolveSibling(file.getFileName() + ".identity"), identity);
    return new CheckpointNodesFeeder(pair.getPrivate(), identity);
  }

  static CheckpointNodesFeeder load(Path file) throws GeneralSecurityException, IOException {
    PrivateKey key =
        KeyFactory.getInstance("Ed25519")
            .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(file)));
    String identity =
        Files.readString(file.resolveSibling(file.getFileName() + ".identity")).strip();
    return new CheckpointNodesFeeder(key, identity);
  }

  /** One relay's JSON body: {@code txs} for {@code epoch}, signed. */
  String relay(long epoch, List<CheckpointNodesBench.Tx> txs) throws GeneralSecurityException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    StringBuilder json = new StringBuilder("{\"epoch\":").append(epoch).append(",\"txs\":[");
    for (int i = 0; i < txs.size(); i++) {
      body.writeBytes(txs.get(i).encode());
      json.append(i == 0 ? "" : ",").append(txs.get(i).json());
    }
    byte[] b = body.toByteArray();
    byte[] frame =
        ByteBuffer.allocate(1 + TAG.length + 1 + 8 + b.length)
            .put((byte) TAG.length)
            .put(TAG)
            .put(FRAME_VERSION)
            .putLong(epoch)
            .put(b)
            .array();
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(key);
    signer.update(frame);
    return json.append("],\"signer\":\"")
        .append(identityKey)
        .append("\",\"signature\":\"")
        .append(CheckpointNodesBench.HEX.formatHex(signer.sign()))
        .append("\"}")
        .toString();
  }

  /**
   * Relays {@code txs} for {@code epoch} to every node (one thread per node; each node's relays in
   * order, so its pool holds them in this order); a refused relay is sent again (5 times at most).
   */
  CheckpointNodesBench.Submitted relayToAll(
      List<CheckpointNodeClient> nodes, List<CheckpointNodesBench.Tx> txs, long epoch)
      throws Exception {
    List<List<CheckpointNodesBench.Tx>> chunks = new ArrayList<>();
    for (int i = 0; i < txs.size(); i += MAX_TXS) {
      chunks.add(txs.subList(i, Math.min(txs.size(), i + MAX_TXS)));
    }
    long started = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    long[] retried = new long[nodes.size()];
    for (CheckpointNodeClient node : nodes) {
      Thread t =
          new Thread(
              () -> {
                try {
                  for (List<CheckpointNodesBench.Tx> chunk : chunks) {
                    String body = relay(epoch, chunk);
                    for (int attempt = 0; ; attempt++) {
                      HttpResponse<String> r = node.peerPost("/api/v1/peer/checkpoint/txs", body);
                      if (r.statusCode() == 200
                          && CheckpointNodeClient.bool(r.body(), "accepted")) {
                        break;
                      }
                      if (attempt < 5) {
                        retried[node.number - 1]++;
                        Thread.sleep(200);
                        continue;
                      }
                      throw new IllegalStateException(
                          "node " + node.number + " refused a relay: " + r.statusCode() + " "
                              + r.body());
                    }
                  }
                } catch (Exception e) {
                  failures.add(e.toString());
                }
              },
              "relay-" + node.number);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("relays failed: " + failures);
    }
    return new CheckpointNodesBench.Submitted(
        (System.nanoTime() - started) / 1e9, Arrays.stream(retried).sum(), 0);
  }
}
