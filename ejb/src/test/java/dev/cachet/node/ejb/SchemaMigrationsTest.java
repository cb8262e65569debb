package dev.cachet.node.ejb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachet.state.ejb.TestPostgres;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's schema comes from its migrations alone, the same on H2 and PostgreSQL; a 0.1.0 H2
 * database (the file in {@code legacy-0.1.0}, made by the 0.1.0 code) upgrades in place with
 * nothing lost; nodes starting together on one empty PostgreSQL database migrate it once.
 */
class SchemaMigrationsTest {

  static final String LEGACY_ROOT =
      "058948f2fb090b12b67618ea5518ed28f2fdcabd5940c742dd6922d46f90ae87";
  static final String PUBLISHED =
      "5da97e4b4c1dcc92ce1783c29625c60e480829e347e6d048748771f505c01a44";

  @TempDir Path dir;

  @Test
  void migratesAnEmptyH2DatabaseToTheCurrentSchema() throws SQLException {
    DataSource h2 =
        NodeJdbcDataSource.create(
            "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    assertThat(SchemaMigrations.migrate(h2)).isEqualTo("8");
    assertThat(SchemaMigrations.migrate(h2)).as("a second start changes nothing").isEqualTo("8");
    refusesWhatTheInvariantsForbid(h2);
  }

  @Test
  void migratesAnEmptyPostgresDatabaseToTheCurrentSchema() throws SQLException {
    DataSource pg = NodeJdbcDataSource.create(TestPostgres.freshDatabase(), "postgres", "");
    assertThat(SchemaMigrations.migrate(pg)).isEqualTo("8");
    refusesWhatTheInvariantsForbid(pg);
  }

  @Test
  void upgradesADatabaseOf010InPlaceWithNothingLost() throws Exception {
    Path copy = dir.resolve("cachet.mv.db");
    try (InputStream in = getClass().getResourceAsStream("/legacy-0.1.0/cachet.mv.db")) {
      assertThat(in).as("the 0.1.0 database file").isNotNull();
      Files.copy(in, copy);
    }
    DataSource h2 = NodeJdbcDataSource.create("jdbc:h2:file:" + dir.resolve("cachet"), "sa", "");

    assertThat(SchemaMigrations.migrate(h2)).isEqualTo("8");

    try (Connection c = h2.getConnection()) {
      assertThat(strings(c, "SELECT HASH FROM CACHET_BLOB")).containsExactly(PUBLISHED);
      assertThat(c.prepareStatement("SELECT STORED_AT FROM CACHET_BLOB").executeQuery())
          .satisfies(
              rows -> {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getObject(1, OffsetDateTime.class).toInstant())
                    .as("kept to the microsecond, the precision of the column")
                    .isEqualTo(Instant.parse("2026-12-01T22:55:42.802268Z"));
              });
      assertThat(strings(c, "SELECT KEY_ROOT || ':' || NEWEST_TREE FROM CACHET_KEY_WINDOW"))
          .as("the newest of the key's two windows, out of the blob store")
          .containsExactly(LEGACY_ROOT + ":1");
      assertThat(
              strings(c, "SELECT NAME || ':' || GENERATION FROM CACHET_STATE_RECORD ORDER BY NAME"))
          .containsExactly("keys/7/attestation:8", "node/identity:1");
      assertThat(strings(c, "SELECT CAST(UPDATED_AT AS VARCHAR) FROM CACHET_STATE_RECORD"))
          .allSatisfy(t -> assertThat(t).startsWith("2026-12-01 22:55"));
      assertThat(
              strings(
                  c,
                  "SELECT \"version\" || ' ' || \"type\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\""))
          .containsExactly(
              "1 BASELINE", "2 SQL", "3 JDBC", "4 SQL", "5 SQL", "6 SQL", "7 SQL", "8 SQL");
    }
    refusesWhatTheInvariantsForbid(h2);
  }

  @Test
  void nodesStartingTogetherOnOneEmptyPostgresDatabaseMigrateItOnce() throws Exception {
    String url = TestPostgres.freshDatabase();
    ExecutorService starts = Executors.newFixedThreadPool(3);
    try {
      List<Future<String>> versions = new ArrayList<>();
      for (int node = 0; node < 3; node++) {
        Callable<String> start =
            () -> SchemaMigrations.migrate(NodeJdbcDataSource.create(url, "postgres", ""));
        versions.add(starts.submit(start));
      }
      for (Future<String> version : versions) {
        assertThat(version.get()).isEqualTo("8");
      }
    } finally {
      starts.shutdownNow();
    }
    try (Connection c = NodeJdbcDataSource.create(url, "postgres", "").getConnection()) {
      assertThat(
              strings(
                  c,
                  "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank"))
          .containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
    }
  }

  /** The schema states the invariants too: keys, not-null, and checks. */
  private static void refusesWhatTheInvariantsForbid(DataSource db) throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(true);
      insertBlob(c, "ab".repeat(32), new byte[] {1, 2, 3}, 3);
      assertThatThrownBy(() -> insertBlob(c, "ab".repeat(32), new byte[] {1, 2, 3}, 3))
          .as("a blob's hash is its key")
          .isInstanceOf(SQLException.class);
      assertThatThrownBy(() -> insertBlob(c, "cd".repeat(32), new byte[] {1, 2, 3}, 4))
          .as("a blob's size is its content's")
          .isInstanceOf(SQLException.class);
      assertThatThrownBy(() -> insertBlob(c, "short", new byte[] {1}, 1))
          .as("a blob's hash is 64 hex characters")
          .isInstanceOf(SQLException.class);
      try (Statement s = c.createStatement()) {
        assertThatThrownBy(
                () ->
                    s.execute(
                        "INSERT INTO CACHET_STATE_RECORD (NAME, ENVELOPE, GENERATION, KEY_ID,"
                            + " PROVIDER, SIZE_BYTES, UPDATED_AT) VALUES ('r', X'01', 0, 'k', 'p',"
                            + " 1, CURRENT_TIMESTAMP)"))
            .as("generations start at 1")
            .isInstanceOf(SQLException.class);
        assertThatThrownBy(
                () ->
                    s.execute(
                        "INSERT INTO CACHET_CHAIN (ID, GENESIS_TIME, SECONDS_PER_SLOT) VALUES (2,"
                            + " CURRENT_TIMESTAMP, 4)"))
            .as("the chain is one row")
            .isInstanceOf(SQLException.class);
        insertCommittee(c, 0, new byte[14]);
        assertThatThrownBy(() -> insertCommittee(c, 0, new byte[14]))
            .as("one committee per epoch")
            .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> insertCommittee(c, -1, new byte[14]))
            .as("an epoch is not negative")
            .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> insertCommittee(c, 1, new byte[13]))
            .as("a committee has a member: more than its 13-byte header")
            .isInstanceOf(SQLException.class);
        s.execute("DELETE FROM CACHET_COMMITTEE");
        s.execute("DELETE FROM CACHET_BLOB WHERE HASH = '" + "ab".repeat(32) + "'");
      }
    }
  }

  private static void insertBlob(Connection c, String hash, byte[] content, long size)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO CACHET_BLOB (HASH, CONTENT, SIZE_BYTES, STORED_AT) VALUES (?, ?, ?, ?)")) {
      insert.setString(1, hash);
      insert.setBytes(2, content);
      insert.setLong(3, size);
      insert.setObject(4, OffsetDateTime.now());
      insert.executeUpdate();
    }
  }

  private static void insertCommittee(Connection c, long epoch, byte[] content)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO CACHET_COMMITTEE (EPOCH, CONTENT, CREATED_AT) VALUES (?, ?, ?)")) {
      insert.setLong(1, epoch);
      insert.setBytes(2, content);
      insert.setObject(3, OffsetDateTime.now());
      insert.executeUpdate();
    }
  }

  private static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      while (rows.next()) {
        out.add(rows.getString(1));
      }
    }
    return out;
  }
}
