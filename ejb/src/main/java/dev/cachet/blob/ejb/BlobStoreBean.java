package dev.cachet.blob.ejb;

import dev.cachet.blob.Blob;
import dev.cachet.blob.BlobBodyReader;
import dev.cachet.blob.BlobCache;
import dev.cachet.blob.BlobHash;
import dev.cachet.blob.BlobPage;
import dev.cachet.blob.BlobStore;
import dev.cachet.blob.BlobTotals;
import dev.cachet.blob.CachedBlobs;
import dev.cachet.blob.StoredBlob;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Hosts the node's one {@link BlobStore}. The store is thread-safe (it locks per hash), so every
 * method takes the container's READ lock: they all run at once, and no method replaces the bean's
 * state after it starts. It runs outside a transaction so that each durable write commits in the
 * repository's own transaction before the cache sees it.
 */
@Singleton
@Startup
@DependsOn("NodeDatabase")
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BlobStoreBean {

  @EJB private JpaBlobRepository repository;

  @Inject
  @ConfigProperty(name = "cachet.blob.max-size")
  long maxSize;

  @Inject
  @ConfigProperty(name = "cachet.blob.cache-bytes")
  long cacheBytes;

  @Inject private MetricRegistry metrics;

  private BlobStore store;
  private BlobBodyReader bodyReader;

  @PostConstruct
  void start() {
    bodyReader = new BlobBodyReader(maxSize);
    store =
        new BlobStore(
            new ConcurrentInsertTolerance(repository),
            new BlobCache(cacheBytes, new CacheCounters(metrics)),
            Clock.systemUTC());
    BlobMetrics.register(metrics, store);
  }

  /** Reads a request body within {@code cachet.blob.max-size} and stores it under its hash. */
  public StoredBlob put(InputStream body, OptionalLong declaredLength) {
    return store.put(bodyReader.read(body, declaredLength));
  }

  /** Reads a request body within the limit and stores it only if it hashes to {@code expected}. */
  public StoredBlob put(BlobHash expected, InputStream body, OptionalLong declaredLength) {
    return store.put(expected, bodyReader.read(body, declaredLength));
  }

  /**
   * The store's in-memory view, for the web tier's hot read path. It is safe to call from any
   * thread without the container: it reads the thread-safe cache only, never storage.
   */
  public CachedBlobs cachedBlobs() {
    return store;
  }

  /** Stores bytes the node produced itself (no request body, no size limit of peers' blobs). */
  public StoredBlob put(byte[] content) {
    return store.put(content);
  }

  /** Stores bytes the caller has just hashed to {@code hash} ({@link BlobStore#putHashed}). */
  public StoredBlob putHashed(BlobHash hash, byte[] content) {
    return store.putHashed(hash, content);
  }

  public Blob get(BlobHash hash) {
    return store.get(hash);
  }

  public boolean contains(BlobHash hash) {
    return store.contains(hash);
  }

  public long size(BlobHash hash) {
    return store.size(hash);
  }

  public BlobPage list(Optional<BlobHash> after, int limit) {
    return store.list(after, limit);
  }

  public BlobTotals totals() {
    return store.totals();
  }
}
