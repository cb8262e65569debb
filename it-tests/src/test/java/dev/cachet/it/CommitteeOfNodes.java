package dev.cachet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * N Payara Micro nodes on loopback that form committees: one JVM each, their own data directories
 * and free ports (a loopback listener for the operator and client, a peer listener that committees
 * name), one shared genesis. Starts them in parallel, reads each node's identity key, sets
 * committees on every node through the admin API, and stops them all on close, also when a test
 * fails. Reused by every committee test class (metadata, handoff, keysign, checkpoints), one
 * started committee per class.
 */
public final class CommitteeOfNodes implements AutoCloseable {

  /** One node of the committee, with what the tests need to talk to it. */
  public record Node(int index, MicroNode micro, Http http, String adminToken, String identityKey) {
    /** Its peer listener's base URL: what committees name it by. */
    public String url() {
      return micro.peerUrl();
    }
  }

  private final List<MicroNode> started = new ArrayList<>();
  private final List<Node> nodes = new ArrayList<>();
  private final Path root;
  private final Map<String, String> environment;
  private final Instant genesis;

  private CommitteeOfNodes(Path root, Map<String, String> environment, Instant genesis) {
    this.root = root;
    this.environment = environment;
    this.genesis = genesis;
  }

  /**
   * Starts {@code count} nodes under {@code root} (emptied first) with {@code environment} and a
   * genesis a little in the past, in parallel, and waits until every one is ready.
   */
  public static CommitteeOfNodes start(Path root, int count, Map<String, String> environment)
      throws Exception {
    return start(
        root, count, environment, Instant.ofEpochSecond(Instant.now().getEpochSecond() - 2));
  }

  /** As {@link #start(Path, int, Map)}, with the given genesis. */
  public static CommitteeOfNodes start(
      Path root, int count, Map<String, String> environment, Instant genesis) throws Exception {
    deleteRecursively(root);
    CommitteeOfNodes committee = new CommitteeOfNodes(root, environment, genesis);
    try {
      committee.add(count);
    } catch (Exception | Error e) {
      committee.close();
      throw e;
    }
    return committee;
  }

  /** Starts {@code count} more nodes (for a joiner), in parallel; returns them. */
  public List<Node> add(int count) throws Exception {
    List<MicroNode> fresh = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int index = started.size();
      Map<String, String> env = new HashMap<>(environment);
      env.put("CACHET_CHAIN_GENESIS_TIME", Long.toString(genesis.getEpochSecond()));
      env.putIfAbsent("CACHET_STATE_KEY_PROVIDER", "env");
      env.putIfAbsent("CACHET_STATE_KEY_HEX", String.format("%02x", 0x40 + index).repeat(32));
      MicroNode micro = new MicroNode(root.resolve("node-" + index), env).withPeerListener();
      started.add(micro);
      fresh.add(micro);
    }
    ExecutorService pool = Executors.newFixedThreadPool(fresh.size());
    try {
      List<Future<?>> starting = new ArrayList<>();
      for (MicroNode micro : fresh) {
        starting.add(
            pool.submit(
                () -> {
                  micro.start();
                  return null;
                }));
      }
      for (Future<?> f : starting) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    List<Node> added = new ArrayList<>();
    for (MicroNode micro : fresh) {
      Node node = describe(started.indexOf(micro), micro);
      nodes.add(node);
      added.add(node);
    }
    return added;
  }

  private static Node describe(int index, MicroNode micro) throws IOException {
    Http http = micro.http();
    String token = micro.adminToken();
    HttpResponse<byte[]> status = http.get("api/v1/admin/node", token);
    assertThat(status.statusCode()).as(Http.text(status)).isEqualTo(200);
    String key = Json.object(status).getString("identityKey");
    return new Node(index, micro, http, token, key);
  }

  public List<Node> nodes() {
    return List.copyOf(nodes);
  }

  public Node node(int index) {
    return nodes.get(index);
  }

  public Instant genesis() {
    return genesis;
  }

  /** The body of {@code PUT /api/v1/admin/committees/{epoch}} for {@code members}, stake 1 each. */
  public static String committeeJson(List<Node> members) {
    StringBuilder json = new StringBuilder("{\"members\":[");
    for (int i = 0; i < members.size(); i++) {
      Node m = members.get(i);
      json.append(i == 0 ? "" : ",")
          .append("{\"name\":\"node-")
          .append(m.index())
          .append("\",\"identityKey\":\"")
          .append(m.identityKey())
          .append("\",\"stake\":1,\"url\":\"")
          .append(m.url())
          .append("\"}");
    }
    return json.append("]}").toString();
  }

  /** Sets the committee of {@code epoch} to {@code members} on every node of {@code on}. */
  public void setCommittee(long epoch, List<Node> members, List<Node> on) {
    String body = committeeJson(members);
    for (Node node : on) {
      HttpResponse<byte[]> answer =
          node.http()
              .send(
                  node.http()
                      .request("api/v1/admin/committees/" + epoch)
                      .header("Authorization", "Bearer " + node.adminToken())
                      .header("Content-Type", "application/json")
                      .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                      .build());
      assertThat(answer.statusCode()).as(Http.text(answer)).isIn(200, 201);
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (MicroNode micro : started) {
      micro.close();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
