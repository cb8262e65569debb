package dev.cachet.bench.metadata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline: plain concurrent {@code GET /api/v1/blobs/{hash}} of the blobs each node had to
 * fetch, from the same source nodes' peer listeners, with curl (one process per fetching node, as
 * many parallel transfers as the node's fetcher may run, bodies to /dev/null). All processes start
 * together; a round lasts from the first start to the last exit. Every transfer must answer 200
 * with the blob's full size.
 */
final class PlainGets {

  /** One GET: the source's peer listener and the blob. */
  record Get(String sourcePeerBase, String hash, long size) {}

  record Round(double seconds, long bytes, int transfers) {
    double bytesPerSecond() {
      return bytes / seconds;
    }
  }

  private PlainGets() {}

  /**
   * One round: {@code perNode.get(i)} are the GETs of fetching node i, run by one curl with {@code
   * connections.get(i)} parallel transfers.
   */
  static Round round(Path work, List<List<Get>> perNode, List<Integer> connections)
      throws IOException, InterruptedException {
    Files.createDirectories(work);
    List<ProcessBuilder> builders = new ArrayList<>();
    long expected = 0;
    int transfers = 0;
    for (int i = 0; i < perNode.size(); i++) {
      StringBuilder config = new StringBuilder();
      for (Get get : perNode.get(i)) {
        config
            .append("url = \"")
            .append(get.sourcePeerBase())
            .append("/api/v1/blobs/")
            .append(get.hash())
            .append("\"\noutput = \"/dev/null\"\n");
        expected += get.size();
        transfers++;
      }
      Path file = work.resolve("node" + (i + 1) + ".curl");
      Files.writeString(file, config);
      builders.add(
          new ProcessBuilder(
                  "curl",
                  "-sS",
                  "--parallel",
                  "--parallel-immediate",
                  "--parallel-max",
                  Integer.toString(connections.get(i)),
                  "-w",
                  "%{http_code} %{size_download}\\n",
                  "-K",
                  file.toString())
              .redirectError(work.resolve("node" + (i + 1) + ".curl-stderr").toFile())
              .redirectOutput(work.resolve("node" + (i + 1) + ".curl-out").toFile()));
    }
    long started = System.nanoTime();
    List<Process> processes = new ArrayList<>();
    for (ProcessBuilder b : builders) {
      processes.add(b.start());
    }
    for (int i = 0; i < processes.size(); i++) {
      int rc = processes.get(i).waitFor();
      if (rc != 0) {
        throw new IllegalStateException(
            "curl for node " + (i + 1) + " exited " + rc + ": "
                + Files.readString(work.resolve("node" + (i + 1) + ".curl-stderr")));
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long bytes = 0;
    int ok = 0;
    for (int i = 0; i < perNode.size(); i++) {
      for (String line :
          Files.readAllLines(work.resolve("node" + (i + 1) + ".curl-out"), StandardCharsets.UTF_8)) {
        String[] f = line.trim().split(" ");
        if (f.length != 2 || !f[0].equals("200")) {
          throw new IllegalStateException("a plain GET of node " + (i + 1) + " answered: " + line);
        }
        bytes += Long.parseLong(f[1]);
        ok++;
      }
    }
    if (ok != transfers || bytes != expected) {
      throw new IllegalStateException(
          "plain GETs: " + ok + " of " + transfers + " transfers, " + bytes + " of " + expected
              + " bytes");
    }
    return new Round(seconds, bytes, transfers);
  }
}
