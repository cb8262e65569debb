package dev.cachet.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A Payara Micro process running cachet.war that the test starts, stops and kills itself (SIGKILL),
 * for what a managed container cannot do: crash a node in the middle of its work and start it again
 * on the same data directory and database, or run several nodes on one database. Its database is
 * the H2 file in its data directory unless the environment names one ({@code CACHET_DB_URL}).
 */
public final class MicroNode implements AutoCloseable {

  private static final Duration READY = Duration.ofSeconds(180);

  /**
   * Ports are taken from below Linux's ephemeral range (32768–60999): a port the kernel hands out
   * for {@code new ServerSocket(0)} is also one it may hand to any outgoing connection (a peer
   * call, a database connection) before Payara Micro binds it, and Payara Micro then exits with 0.
   */
  private static final int LOWEST_PORT = 20000;

  private static final int HIGHEST_PORT = 32767;

  /** How often a first start whose port was taken meanwhile is tried again on fresh ports. */
  private static final int BIND_ATTEMPTS = 3;

  private static final Set<Integer> ISSUED = new HashSet<>();

  private final Path dataDir;
  private final Map<String, String> environment;
  private int port;
  private int peerPort;
  private Process process;
  private int starts;

  public MicroNode(Path dataDir, Map<String, String> environment) {
    this.dataDir = dataDir;
    this.environment = environment;
    this.port = freePort();
  }

  public Http http() {
    try {
      return new Http(new URL("http://127.0.0.1:" + port + "/"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Gives the node a peer listener (before its first start), on a free port of loopback: what
   * {@code resources/peer-listener.sh} adds to the pre-boot commands, with {@code
   * CACHET_PEER_PORT}.
   */
  public MicroNode withPeerListener() {
    peerPort = freePort();
    return this;
  }

  /** The peer listener's base URL, if the node has one. */
  public String peerUrl() {
    if (peerPort == 0) {
      throw new IllegalStateException("this node has no peer listener");
    }
    return "http://127.0.0.1:" + peerPort;
  }

  /** A client of the peer listener. */
  public Http peerHttp() {
    try {
      return new Http(new URL(peerUrl() + "/"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String adminToken() throws IOException {
    return Files.readString(dataDir.resolve("admin.token")).strip();
  }

  private void launch() throws IOException {
    Files.createDirectories(dataDir);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-jar");
    command.add(System.getProperty("payara.micro.jar"));
    command.add("--deploy");
    command.add(System.getProperty("cachet.war"));
    command.add("--port");
    command.add(Integer.toString(port));
    command.add("--nohazelcast");
    command.add("--disablephonehome");
    command.add("--prebootcommandfile");
    command.add(prebootFile().toString());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("CACHET_"));
    builder.environment().putAll(environment);
    builder.environment().put("CACHET_DATA_DIR", dataDir.toString());
    if (peerPort > 0) {
      builder.environment().put("CACHET_PEER_PORT", Integer.toString(peerPort));
    }
    builder.redirectErrorStream(true);
    builder.redirectOutput(dataDir.resolve("micro-" + ++starts + ".log").toFile());
    process = builder.start();
  }

  /** The node's pre-boot commands: the shipped ones, and its peer listener if it has one. */
  private Path prebootFile() throws IOException {
    Path shipped = Path.of(System.getProperty("preboot.file"));
    if (peerPort == 0) {
      return shipped;
    }
    Process script =
        new ProcessBuilder(
                System.getProperty("peer.listener.script"), "127.0.0.1", Integer.toString(peerPort))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String listener = new String(script.getInputStream().readAllBytes());
    try {
      if (script.waitFor() != 0) {
        throw new IllegalStateException("peer-listener.sh failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Path combined = dataDir.resolve("preboot.asadmin");
    Files.writeString(combined, Files.readString(shipped) + "\n" + listener);
    return combined;
  }

  /**
   * Starts the node and waits (bounded) until it is ready. A first start whose port another process
   * bound meanwhile is tried again on fresh ports (nothing names them yet); a restart keeps its
   * ports, which committees name.
   */
  public void start() throws IOException {
    boolean first = starts == 0;
    for (int attempt = 1; ; attempt++) {
      launch();
      try {
        awaitReady();
        return;
      } catch (IllegalStateException e) {
        if (!first || attempt == BIND_ATTEMPTS || process.isAlive() || !bindFailed()) {
          throw e;
        }
        port = freePort();
        if (peerPort > 0) {
          peerPort = freePort();
        }
      }
    }
  }

  private boolean bindFailed() throws IOException {
    return Files.readString(log()).contains("java.net.BindException");
  }

  /**
   * Starts the node and waits (bounded) until it is live, ready or not: for a node started without
   * what readiness needs (its state key, say).
   */
  public void startLive() throws IOException {
    launch();
    awaitStatus("health/live");
  }

  /**
   * Starts the node expecting it to refuse: waits (bounded) until its log says {@code why}, then
   * stops it. Fails if the node becomes ready instead.
   */
  public void startExpectingRefusal(String why) throws IOException, InterruptedException {
    launch();
    long deadline = System.nanoTime() + READY.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        if (Files.readString(log()).contains(why)) {
          return;
        }
        try {
          if (http().get("health/ready").statusCode() == 200) {
            throw new IllegalStateException("the node started although it should refuse: " + why);
          }
        } catch (UncheckedIOException notListeningYet) {
          // keep polling
        }
        pause();
      }
      throw new IllegalStateException("the node's log never said: " + why);
    } finally {
      kill();
    }
  }

  /** The log of the node's latest start. */
  public Path log() {
    return dataDir.resolve("micro-" + starts + ".log");
  }

  /** Waits (bounded) until the node is ready. */
  public void awaitReady() {
    awaitStatus("health/ready");
  }

  private void awaitStatus(String health) {
    Http http = http();
    long deadline = System.nanoTime() + READY.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Payara Micro exited with " + process.exitValue() + "; its log ends:\n" + logTail());
      }
      try {
        if (http.get(health).statusCode() == 200) {
          return;
        }
      } catch (UncheckedIOException notListeningYet) {
        // keep polling
      }
      pause();
    }
    throw new IllegalStateException(health + " was not 200 within " + READY);
  }

  /** The last lines of the latest start's log, for a failure message. */
  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log());
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  /** Stops the node as an operator would (SIGTERM) and waits for it to exit. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** Kills the node with SIGKILL: no shutdown hook, no flush, as a crash would. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      kill();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A port below the ephemeral range that this JVM has not issued before and that binds now (for
   * the nodes, and for the tests' PostgreSQL).
   */
  static int freePort() {
    for (int tries = 0; tries < 1000; tries++) {
      int candidate = ThreadLocalRandom.current().nextInt(LOWEST_PORT, HIGHEST_PORT + 1);
      synchronized (ISSUED) {
        if (ISSUED.contains(candidate)) {
          continue;
        }
        try (ServerSocket socket = new ServerSocket(candidate)) {
          ISSUED.add(candidate);
          return candidate;
        } catch (IOException taken) {
          // try another
        }
      }
    }
    throw new IllegalStateException("no free port in " + LOWEST_PORT + ".." + HIGHEST_PORT);
  }
}
