package dev.cachet.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Starts a shell command so that it and everything it spawns can be killed together, and kills
 * them. Where {@code setsid} exists the command leads its own process group, and the whole group
 * gets SIGKILL, which also reaches a process that was forked a moment before the kill; in any case
 * every process of the command's tree, as seen just before the kill, gets SIGKILL by pid. SIGKILL
 * cannot be ignored, unlike the SIGTERM a plain {@link Process#destroy()} sends.
 */
final class ProcessTree {

  private static final Logger LOG = Logger.getLogger(ProcessTree.class.getName());

  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private static final String SHELL = "/bin/sh";

  /** How long to wait for the killed processes to be gone. */
  private static final Duration REAP = Duration.ofSeconds(5);

  private final boolean ownGroup;

  private ProcessTree(boolean ownGroup) {
    this.ownGroup = ownGroup;
  }

  /** Uses {@code setsid} when this machine has it. */
  static ProcessTree forThisMachine() {
    return new ProcessTree(Files.isExecutable(SETSID));
  }

  /** The command line that runs {@code command} through {@code /bin/sh -c}. */
  List<String> commandLine(String command) {
    List<String> line = new ArrayList<>();
    if (ownGroup) {
      line.add(SETSID.toString());
      line.add("--wait"); // if setsid had to fork, the process we hold still lives as long
    }
    line.add(SHELL);
    line.add("-c");
    line.add(command);
    return line;
  }

  /** Kills {@code process} and all its descendants with SIGKILL and waits until they are gone. */
  void kill(Process process) {
    List<ProcessHandle> tree = new ArrayList<>();
    tree.add(process.toHandle());
    process.descendants().forEach(tree::add);
    if (ownGroup) {
      killGroup(process.pid());
    }
    tree.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(REAP.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException e) {
        LOG.warning(() -> "process " + handle.pid() + " of a timed-out key command did not exit");
      }
    }
  }

  private static void killGroup(long groupId) {
    try {
      Process kill =
          new ProcessBuilder(SHELL, "-c", "kill -KILL -- -" + groupId)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!kill.waitFor(REAP.toMillis(), TimeUnit.MILLISECONDS)) {
        kill.destroyForcibly();
      }
    } catch (IOException e) {
      LOG.warning(() -> "cannot signal process group " + groupId + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
