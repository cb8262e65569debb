package dev.cachet.bench.xmss;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The JDK SHA-256 digest's raw rates, from which the hash-rate floor of a tree follows: the
 * compression rate on 64-byte blocks streamed through one digest (no per-call cost at all), and
 * the rate of one-block hashes (a 55-byte message, one compression plus the per-call cost).
 */
final class HashRate {

  private static final int BLOCK = 64;
  private static final int BUFFER_BLOCKS = 1024;

  /** Nanoseconds per compression, streaming, on each of {@code threads} threads at once. */
  static double nanosPerBlock(int threads, long millis, ExecutorService pool) {
    return parallel(threads, millis, pool, new StreamTask(millis));
  }

  /** Nanoseconds per one-block hash ({@code digest} of 55 bytes), on each thread. */
  static double nanosPerOneBlockHash(int threads, long millis, ExecutorService pool) {
    return parallel(threads, millis, pool, new OneBlockTask(millis));
  }

  private static double parallel(int threads, long millis, ExecutorService pool, Task task) {
    task.run(); // warm-up
    List<CompletableFuture<Double>> runs = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      runs.add(CompletableFuture.supplyAsync(task, pool));
    }
    return runs.stream().mapToDouble(CompletableFuture::join).average().orElseThrow();
  }

  private abstract static class Task implements java.util.function.Supplier<Double> {
    final long millis;

    Task(long millis) {
      this.millis = millis;
    }

    @Override
    public Double get() {
      return run();
    }

    abstract double run();
  }

  /** Streams 64 KiB buffers through one digest: the compression function alone. */
  private static final class StreamTask extends Task {
    StreamTask(long millis) {
      super(millis);
    }

    @Override
    double run() {
      MessageDigest digest = sha256();
      byte[] buffer = new byte[BLOCK * BUFFER_BLOCKS];
      long blocks = 0;
      long start = System.nanoTime();
      long end = start + millis * 1_000_000;
      long now;
      do {
        for (int i = 0; i < 16; i++) {
          digest.update(buffer);
        }
        blocks += 16 * BUFFER_BLOCKS;
        now = System.nanoTime();
      } while (now < end);
      buffer[0] = digest.digest()[0];
      return (now - start) / (double) blocks;
    }
  }

  /** Hashes 55-byte messages, each one compression after padding, into a reused buffer. */
  private static final class OneBlockTask extends Task {
    OneBlockTask(long millis) {
      super(millis);
    }

    @Override
    double run() {
      MessageDigest digest = sha256();
      byte[] buffer = new byte[BLOCK];
      long hashes = 0;
      long start = System.nanoTime();
      long end = start + millis * 1_000_000;
      long now;
      try {
        do {
          for (int i = 0; i < 10_000; i++) {
            digest.update(buffer, 0, 55);
            digest.digest(buffer, 0, 32);
          }
          hashes += 10_000;
          now = System.nanoTime();
        } while (now < end);
      } catch (DigestException e) {
        throw new IllegalStateException(e);
      }
      return (now - start) / (double) hashes;
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private HashRate() {}
}
