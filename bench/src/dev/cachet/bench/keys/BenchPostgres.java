package dev.cachet.bench.keys;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The benchmark's PostgreSQL server: zonky's embedded PostgreSQL (real PostgreSQL binaries from
 * Maven Central) in a fresh data directory on a loopback port, with the databases named on the
 * command line created empty. Runs until it is terminated; zonky's shutdown hook then stops the
 * server ({@code pg_ctl stop -m fast}) and deletes the data directory.
 *
 * <p>Arguments: port, data directory, ready file (written once the databases exist), database
 * names. Environment: {@code BENCH_PG_SYNCHRONOUS_COMMIT} and {@code BENCH_PG_FSYNC}, both {@code
 * on} by default as in a production PostgreSQL (a commit returns once its WAL is flushed to disk);
 * zonky, made for tests, would run with {@code synchronous_commit=off} and {@code -F} (no fsync).
 */
public final class BenchPostgres {

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Path dataDir = Path.of(args[1]);
    Path ready = Path.of(args[2]);
    String synchronousCommit = setting("BENCH_PG_SYNCHRONOUS_COMMIT");
    String fsync = setting("BENCH_PG_FSYNC");
    Files.createDirectories(dataDir);
    Files.deleteIfExists(ready);

    EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            .setPort(port)
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(true)
            .setServerConfig("synchronous_commit", synchronousCommit)
            .setServerConfig("fsync", fsync) // after zonky's -F on the command line, so it wins
            .setServerConfig("listen_addresses", "127.0.0.1")
            .start();

    StringBuilder summary = new StringBuilder();
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      for (int i = 3; i < args.length; i++) {
        s.execute("CREATE DATABASE " + args[i]);
      }
      try (ResultSet r = s.executeQuery("SELECT version()")) {
        r.next();
        summary.append(r.getString(1));
      }
      try (ResultSet r = s.executeQuery("SHOW synchronous_commit")) {
        r.next();
        summary.append("; synchronous_commit=").append(r.getString(1));
      }
      try (ResultSet r = s.executeQuery("SHOW fsync")) {
        r.next();
        summary.append(", fsync=").append(r.getString(1));
      }
    }
    System.out.println("PostgreSQL up on 127.0.0.1:" + pg.getPort() + ": " + summary);
    System.out.flush();
    Files.writeString(ready, summary + "\n");
    Thread.sleep(Long.MAX_VALUE);
  }

  private static String setting(String name) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? "on" : value.strip();
  }
}
