package dev.cachet.bench.metadata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A thread dump of a node ({@code jstack PID}, saved), summarised: what the threads of the peer
 * executor ({@code concurrent/cachet-peer}) and the HTTP request threads (Grizzly workers and the
 * async threads requests with a body are dispatched to) are doing, by the first frame (from the top)
 * that names one of the activities below.
 */
final class ThreadDumps {

  /** Frame fragment -> activity, in the order they are tried on each frame. */
  private static final String[][] ACTIVITIES = {
    {"ContextSetupProviderImpl.saveContext", "capturing context to submit a task"},
    {"JsonProvider.provider", "looking up the JSON provider"},
    {"BlobStore.put", "storing a blob"},
    {"PeerClient.postJson", "pushing"},
    {"PeerClient.getBytes", "fetching"},
    {"PeerClient.getJson", "pulling a listing"},
    {"MetadataExchange.receive", "taking an announcement"},
    {"MetadataExchange.holdings", "answering a listing"},
    {"BlobResource", "answering a blob GET"},
    {"MetadataBean", "metadata, other"},
    {"ThreadPoolExecutor.getTask", "idle"},
    {"SyncThreadPool$SyncThreadWorker.getTask", "idle"},
    {"LinkedTransferQueue", "idle"},
  };

  private ThreadDumps() {}

  /** Dumps {@code pid} into {@code file} and returns the summary line, or why there is none. */
  static String dumpAndSummarise(long pid, Path file) {
    try {
      Process jstack =
          new ProcessBuilder("jstack", Long.toString(pid))
              .redirectErrorStream(true)
              .redirectOutput(file.toFile())
              .start();
      if (!jstack.waitFor(60, TimeUnit.SECONDS)) {
        jstack.destroyForcibly();
        return "jstack did not answer within 60 s";
      }
      return summarise(Files.readAllLines(file));
    } catch (Exception e) {
      return "no thread dump: " + e;
    }
  }

  static String summarise(List<String> lines) {
    Map<String, Integer> peer = new LinkedHashMap<>();
    Map<String, Integer> requests = new LinkedHashMap<>();
    int peerThreads = 0;
    int requestThreads = 0;
    List<List<String>> threads = new ArrayList<>();
    List<String> current = null;
    for (String line : lines) {
      if (line.startsWith("\"")) {
        current = new ArrayList<>();
        threads.add(current);
      }
      if (current != null) {
        current.add(line);
      }
    }
    for (List<String> thread : threads) {
      String name = thread.get(0).substring(1, Math.max(1, thread.get(0).indexOf('"', 1)));
      Map<String, Integer> group;
      if (name.contains("cachet-peer")) {
        group = peer;
        peerThreads++;
      } else if (name.startsWith("http-thread-pool") || name.startsWith("glassfish-web-async")) {
        group = requests;
        requestThreads++;
      } else {
        continue;
      }
      group.merge(activity(thread), 1, Integer::sum);
    }
    return "peer executor " + peerThreads + " threads " + peer + "; request threads "
        + requestThreads + " " + requests;
  }

  private static String activity(List<String> thread) {
    for (String frame : thread) {
      if (!frame.trim().startsWith("at ")) {
        continue;
      }
      for (String[] a : ACTIVITIES) {
        if (frame.contains(a[0])) {
          return a[1];
        }
      }
    }
    return "other";
  }
}
