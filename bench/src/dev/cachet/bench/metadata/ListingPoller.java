package dev.cachet.bench.metadata;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Polls one node's listing ({@code GET /api/v1/metadata/{epoch}}) every {@code periodMillis} and
 * records, per expected announcement, when the node first listed it and when it first listed it
 * with {@code held: true}: the time the listing's answer arrived, in nanoseconds since the run's
 * origin (so an observation is late by at most one period plus one answer). Only the announcement
 * the harness expects counts (same announcer, same blob hash). Stops once the node holds every blob,
 * or when told to.
 */
final class ListingPoller implements Runnable {

  static final long UNSEEN = Long.MAX_VALUE;

  private static final Pattern ENTRY = Pattern.compile("\\{[^{}]*\\}");
  private static final Pattern KEY = Pattern.compile("\"identityKey\"\\s*:\\s*\"([0-9a-f]{64})\"");
  private static final Pattern HASH = Pattern.compile("\"blobHash\"\\s*:\\s*\"([0-9a-f]{64})\"");
  private static final Pattern HELD = Pattern.compile("\"held\"\\s*:\\s*(true|false)");

  private final HttpClient http;
  private final URI listing;
  private final Map<String, Integer> index; // announcer -> announcement index
  private final String[] hashes; // announcement index -> expected blob hash
  private final long origin;
  private final long periodMillis;
  final AtomicLongArray listedAt;
  final AtomicLongArray heldAt;
  volatile boolean stop;
  volatile boolean done;
  volatile int listed;
  volatile int held;
  volatile long polls;
  volatile String lastError;

  ListingPoller(
      HttpClient http,
      String base,
      long epoch,
      Map<String, Integer> index,
      String[] hashes,
      long origin,
      long periodMillis) {
    this.http = http;
    this.listing = URI.create(base + "/api/v1/metadata/" + epoch);
    this.index = index;
    this.hashes = hashes;
    this.origin = origin;
    this.periodMillis = periodMillis;
    this.listedAt = new AtomicLongArray(hashes.length);
    this.heldAt = new AtomicLongArray(hashes.length);
    for (int i = 0; i < hashes.length; i++) {
      listedAt.set(i, UNSEEN);
      heldAt.set(i, UNSEEN);
    }
  }

  @Override
  public void run() {
    HttpRequest request =
        HttpRequest.newBuilder(listing).timeout(Duration.ofSeconds(30)).GET().build();
    while (!stop) {
      long started = System.nanoTime();
      try {
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        long at = System.nanoTime() - origin;
        polls++;
        if (answer.statusCode() == 200) {
          take(answer.body(), at);
        } else {
          lastError = "HTTP " + answer.statusCode() + ": " + answer.body();
        }
      } catch (Exception e) {
        lastError = e.toString();
      }
      if (held == hashes.length) {
        done = true;
        return;
      }
      long sleep = periodMillis - (System.nanoTime() - started) / 1_000_000;
      if (sleep > 0) {
        try {
          Thread.sleep(sleep);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private void take(String body, long at) {
    int nowListed = 0;
    int nowHeld = 0;
    Matcher entries = ENTRY.matcher(body);
    while (entries.find()) {
      String entry = entries.group();
      Matcher key = KEY.matcher(entry);
      Matcher hash = HASH.matcher(entry);
      Matcher held = HELD.matcher(entry);
      if (!key.find() || !hash.find() || !held.find()) {
        continue;
      }
      Integer i = index.get(key.group(1));
      if (i == null || !hashes[i].equals(hash.group(1))) {
        continue;
      }
      nowListed++;
      listedAt.compareAndSet(i, UNSEEN, at);
      if (held.group(1).equals("true")) {
        nowHeld++;
        heldAt.compareAndSet(i, UNSEEN, at);
      }
    }
    listed = nowListed;
    this.held = nowHeld;
  }
}
