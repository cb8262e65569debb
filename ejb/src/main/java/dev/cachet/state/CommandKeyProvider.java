package dev.cachet.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The {@code command} provider, for an external KMS: runs {@code cachet.state.key-command} through
 * {@code /bin/sh -c} at every resolution and reads 64 hex characters from its standard output. A
 * non-zero exit, malformed output, or a command still running after the timeout is an error; on
 * timeout the command and all its descendants are killed. Neither the output nor the command's
 * error output reaches a message: only the exit status and how long it ran.
 *
 * <p>The command's output is drained on threads from the factory it is given, never on threads it
 * makes itself: in the container that is the container's managed thread factory.
 */
public final class CommandKeyProvider implements KeyProvider {

  public static final String NAME = "command";

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
  public static final Duration MAX_TIMEOUT = Duration.ofSeconds(300);

  /** A key is 64 characters and a newline; more output than this is not a key. */
  static final int MAX_OUTPUT = 1024;

  private final String command;
  private final Duration timeout;
  private final ThreadFactory threads;
  private final ProcessTree processes = ProcessTree.forThisMachine();

  /**
   * A provider running {@code command}, its timeout clamped to 1–300 s, its output drained on
   * threads from {@code threads}.
   */
  public CommandKeyProvider(String command, Duration timeout, ThreadFactory threads) {
    this.command = Objects.requireNonNull(command, "command");
    if (command.isBlank()) {
      throw new IllegalArgumentException("the key command is empty");
    }
    this.timeout = clamp(timeout);
    this.threads = Objects.requireNonNull(threads, "threads");
  }

  /** {@code requested} within 1–300 s. */
  public static Duration clamp(Duration requested) {
    if (requested.compareTo(MIN_TIMEOUT) < 0) {
      return MIN_TIMEOUT;
    }
    return requested.compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : requested;
  }

  public Duration timeout() {
    return timeout;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StateKey resolve() {
    Process process = start();
    OutputCapture stdout = OutputCapture.start(process.getInputStream(), MAX_OUTPUT, threads);
    OutputCapture stderr = OutputCapture.start(process.getErrorStream(), 0, threads);
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      boolean exited = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
      // A background child may still hold the output open: it is part of the command.
      if (!exited || !stdout.awaitEnd(deadline)) {
        processes.kill(process);
        throw new StateKeyUnavailableException(
            "the key command did not finish within "
                + timeout.toSeconds()
                + " s; it and its descendants were killed");
      }
      stderr.awaitEnd(deadline);
      if (process.exitValue() != 0) {
        throw new StateKeyUnavailableException(
            "the key command exited with status " + process.exitValue());
      }
      if (stdout.overflowed()) {
        throw new StateKeyUnavailableException(
            "the key command printed more than " + MAX_OUTPUT + " bytes: that is not a key");
      }
      return HexKey.parse(ascii(stdout.bytes()), "the output of the key command");
    } catch (InterruptedException e) {
      processes.kill(process);
      Thread.currentThread().interrupt();
      throw new StateKeyUnavailableException("interrupted while the key command ran", e);
    } finally {
      stdout.wipe();
    }
  }

  private Process start() {
    try {
      Process process =
          new ProcessBuilder(processes.commandLine(command))
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      return process;
    } catch (IOException e) {
      throw new StateKeyUnavailableException(
          "cannot start the key command: " + e.getClass().getSimpleName(), e);
    }
  }

  private static char[] ascii(byte[] bytes) {
    CharBuffer chars = StandardCharsets.US_ASCII.decode(ByteBuffer.wrap(bytes));
    char[] text = new char[chars.remaining()];
    chars.get(text);
    Arrays.fill(chars.array(), '\0');
    Arrays.fill(bytes, (byte) 0);
    return text;
  }

  /** Drains one output stream of the command on a thread of its own, keeping at most a bound. */
  private static final class OutputCapture implements Runnable {
    private final InputStream in;
    private final byte[] kept;
    private int length;
    private boolean overflowed;
    private final Thread thread;

    private OutputCapture(InputStream in, int keep, ThreadFactory threads) {
      this.in = in;
      this.kept = new byte[keep];
      this.thread = threads.newThread(this);
    }

    static OutputCapture start(InputStream in, int keep, ThreadFactory threads) {
      OutputCapture capture = new OutputCapture(in, keep, threads);
      capture.thread.start();
      return capture;
    }

    @Override
    public void run() {
      byte[] buffer = new byte[256];
      try (in) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          synchronized (this) {
            int room = Math.min(n, kept.length - length);
            System.arraycopy(buffer, 0, kept, length, room);
            length += room;
            overflowed |= room < n;
          }
        }
      } catch (IOException e) {
        // the stream closes when the process is killed: what was read is what there is
      } finally {
        Arrays.fill(buffer, (byte) 0);
      }
    }

    boolean awaitEnd(long deadlineNanos) throws InterruptedException {
      long left = deadlineNanos - System.nanoTime();
      if (left > 0) {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
      return !thread.isAlive();
    }

    synchronized boolean overflowed() {
      return overflowed;
    }

    synchronized byte[] bytes() {
      return Arrays.copyOf(kept, length);
    }

    synchronized void wipe() {
      Arrays.fill(kept, (byte) 0);
    }
  }
}
