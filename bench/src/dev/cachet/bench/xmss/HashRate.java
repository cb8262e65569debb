package dev.cachet.bench.xmss;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The JDK SHA-256 digest's raw rates, from which the hash-rate floors of a tree follow: the
 * compression rate on 64-byte blocks streamed through one digest (no per-call cost at all), the
 * rate of one-block hashes (one compression plus the per-call cost), and the cost of each call
 * shape XMSS uses (PRF continued from a cloned midstate, F over 96 bytes, H over 128 bytes). Each
 * shape has its own task class with its own loop, so the JIT compiles each one alone.
 */
final class HashRate {

  private static final int BLOCK = 64;
  private static final int N = 32;
  private static final int BATCH = 10_000;

  private HashRate() {}

  /** Nanoseconds per compression, streaming, on each of {@code threads} threads at once. */
  static double streamedBlock(int threads, long millis, ExecutorService pool) {
    return parallel(threads, pool, new Streamed(millis));
  }

  /** Nanoseconds per one-block hash (a 55-byte message), on each thread. */
  static double oneBlockHash(int threads, long millis, ExecutorService pool) {
    return parallel(threads, pool, new OneBlock(millis));
  }

  /** Nanoseconds per PRF: clone of a 64-byte-prefix state, 32 more bytes, digest. */
  static double prfFromMidstate(int threads, long millis, ExecutorService pool) {
    return parallel(threads, pool, new PrfFromMidstate(millis));
  }

  /** Nanoseconds per hash of {@code bytes} bytes (F: 96, H: 128). */
  static double hashOf(int bytes, int threads, long millis, ExecutorService pool) {
    return parallel(threads, pool, new Sized(millis, bytes));
  }

  private static double parallel(int threads, ExecutorService pool, Supplier<Double> task) {
    task.get(); // warm-up
    List<CompletableFuture<Double>> runs = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      runs.add(CompletableFuture.supplyAsync(task, pool));
    }
    return runs.stream().mapToDouble(CompletableFuture::join).average().orElseThrow();
  }

  /** Streams 64 KiB buffers through one digest: the compression function alone. */
  private record Streamed(long millis) implements Supplier<Double> {
    @Override
    public Double get() {
      MessageDigest digest = sha256();
      byte[] buffer = new byte[BLOCK * 1024];
      long blocks = 0;
      long start = System.nanoTime();
      long end = start + millis * 1_000_000;
      long now;
      do {
        for (int i = 0; i < 16; i++) {
          digest.update(buffer);
        }
        blocks += 16 * 1024;
        now = System.nanoTime();
      } while (now < end);
      buffer[0] = digest.digest()[0];
      return (now - start) / (double) blocks;
    }
  }

  /** Hashes 55-byte messages, each one compression after padding. */
  private record OneBlock(long millis) implements Supplier<Double> {
    @Override
    public Double get() {
      MessageDigest digest = sha256();
      byte[] buffer = new byte[BLOCK];
      long calls = 0;
      long start = System.nanoTime();
      long end = start + millis * 1_000_000;
      long now;
      do {
        for (int i = 0; i < BATCH; i++) {
          digest.update(buffer, 0, 55);
          finish(digest, buffer);
        }
        calls += BATCH;
        now = System.nanoTime();
      } while (now < end);
      return (now - start) / (double) calls;
    }
  }

  /** PRF as XMSS computes it: continue a cloned midstate with a 32-byte address. */
  private record PrfFromMidstate(long millis) implements Supplier<Double> {
    @Override
    public Double get() {
      MessageDigest keyed = sha256();
      keyed.update(new byte[BLOCK]);
      byte[] buffer = new byte[N];
      long calls = 0;
      long start = System.nanoTime();
      long end = start + millis * 1_000_000;
      long now;
      try {
        do {
          for (int i = 0; i < BATCH; i++) {
            MessageDigest d = (MessageDigest) keyed.clone();
            d.update(buffer, 0, N);
            finish(d, buffer);
          }
          calls += BATCH;
          now = System.nanoTime();
        } while (now < end);
      } catch (CloneNotSupportedException e) {
        throw new IllegalStateException(e);
      }
      return (now - start) / (double) calls;
    }
  }

  /** One hash of a fixed-size input, as F (96 bytes) and H (128 bytes). */
  private record Sized(long millis, int bytes) implements Supplier<Double> {
    @Override
    public Double get() {
      MessageDigest digest = sha256();
      byte[] buffer = new byte[bytes];
      long calls = 0;
      long start = System.nanoTime();
      long end = start + millis * 1_000_000;
      long now;
      do {
        for (int i = 0; i < BATCH; i++) {
          digest.update(buffer, 0, bytes);
          finish(digest, buffer);
        }
        calls += BATCH;
        now = System.nanoTime();
      } while (now < end);
      return (now - start) / (double) calls;
    }
  }

  private static void finish(MessageDigest digest, byte[] out) {
    try {
      digest.digest(out, 0, N);
    } catch (DigestException e) {
      throw new IllegalStateException(e);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
