package dev.cachet.node.ejb;

import dev.cachet.xmss.PreparedWindow;
import dev.cachet.xmss.StoredWindowShape;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Version 3: moves the data of a 0.1.0 database into the 0.2.0 shape (on a new database it finds
 * nothing to move).
 *
 * <ul>
 *   <li>Timestamps: 0.1.0 stored each {@code Instant} Java-serialized. Its bytes are read here
 *       without deserializing anything: the serial form of {@code java.time.Instant} ends in a
 *       block of type 2, seconds (i64) and nanoseconds (i32).
 *   <li>Prepared windows: 0.1.0 kept them in the peer-facing blob store. Every blob with a window's
 *       exact layout moves to {@code CACHET_KEY_WINDOW}, only the newest per key.
 * </ul>
 */
public final class LegacyDataMigration implements JavaMigration {

  /** {@code TC_BLOCKDATA}, length 13, {@code INSTANT_TYPE}: where an Instant's fields begin. */
  private static final byte[] INSTANT_BLOCK = {0x77, 0x0D, 0x02};

  private static final int INSTANT_TAIL = INSTANT_BLOCK.length + Long.BYTES + Integer.BYTES + 1;
  private static final byte TC_ENDBLOCKDATA = 0x78;

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("3");
  }

  @Override
  public String getDescription() {
    return "legacy timestamps and windows";
  }

  /** A fixed checksum: change it whenever this migration's behaviour changes. */
  @Override
  public Integer getChecksum() {
    return 3_001;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    convert(connection, "CACHET_BLOB", "HASH", "STORED_AT");
    convert(connection, "CACHET_STATE_RECORD", "NAME", "UPDATED_AT");
    convert(connection, "CACHET_STATE_MARKER", "MARKER", "CREATED_AT");
    moveWindows(connection);
  }

  /** Fills {@code column_UTC} from the serialized {@code column} of every row. */
  private static void convert(Connection c, String table, String key, String column)
      throws SQLException {
    String select = "SELECT " + key + ", " + column + " FROM " + table;
    String update = "UPDATE " + table + " SET " + column + "_UTC = ? WHERE " + key + " = ?";
    try (Statement read = c.createStatement();
        ResultSet rows = read.executeQuery(select);
        PreparedStatement write = c.prepareStatement(update)) {
      while (rows.next()) {
        Instant instant = serializedInstant(rows.getBytes(2));
        write.setObject(1, instant.atOffset(ZoneOffset.UTC));
        write.setString(2, rows.getString(1));
        write.executeUpdate();
      }
    }
  }

  /** The Instant in Java's serial form {@code bytes}, read from its trailing data block. */
  static Instant serializedInstant(byte[] bytes) {
    if (bytes == null || bytes.length < INSTANT_TAIL) {
      throw new IllegalStateException("not a serialized Instant: too short");
    }
    ByteBuffer tail = ByteBuffer.wrap(bytes, bytes.length - INSTANT_TAIL, INSTANT_TAIL);
    for (byte expected : INSTANT_BLOCK) {
      if (tail.get() != expected) {
        throw new IllegalStateException("not a serialized Instant: no Instant data block");
      }
    }
    long seconds = tail.getLong();
    int nanos = tail.getInt();
    if (tail.get() != TC_ENDBLOCKDATA) {
      throw new IllegalStateException("not a serialized Instant: unterminated data block");
    }
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /** Moves every window out of the blob store; keeps the newest of each key. */
  private static void moveWindows(Connection c) throws SQLException {
    Map<String, Window> newest = new HashMap<>();
    List<String> windowBlobs = new ArrayList<>();
    try (Statement read = c.createStatement();
        ResultSet rows =
            read.executeQuery("SELECT HASH, CONTENT, STORED_AT_UTC FROM CACHET_BLOB")) {
      while (rows.next()) {
        byte[] content = rows.getBytes(2);
        var shape = PreparedWindow.shapeOf(content);
        if (shape.isEmpty()) {
          continue;
        }
        windowBlobs.add(rows.getString(1));
        Window candidate =
            new Window(shape.get(), content, rows.getObject(3, OffsetDateTime.class));
        newest.merge(
            shape.get().rootHex(),
            candidate,
            (a, b) -> a.shape.newestTree() >= b.shape.newestTree() ? a : b);
      }
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO CACHET_KEY_WINDOW (KEY_ROOT, NEWEST_TREE, SIZE_BYTES, STORED_AT, CONTENT)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      for (Window w : newest.values()) {
        insert.setString(1, w.shape.rootHex());
        insert.setLong(2, w.shape.newestTree());
        insert.setLong(3, w.content.length);
        insert.setObject(4, w.storedAt);
        insert.setBytes(5, w.content);
        insert.executeUpdate();
      }
    }
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM CACHET_BLOB WHERE HASH = ?")) {
      for (String hash : windowBlobs) {
        delete.setString(1, hash);
        delete.executeUpdate();
      }
    }
  }

  private record Window(StoredWindowShape shape, byte[] content, OffsetDateTime storedAt) {}
}
