package dev.cachet.node;

import java.util.Locale;

/**
 * The databases a node runs on, chosen by the JDBC URL ({@code CACHET_DB_URL}): the embedded H2
 * file by default, PostgreSQL in production. Each names its migration folder ({@code
 * db/migration/<folder>}).
 */
public enum DatabaseKind {
  H2("jdbc:h2:", "h2"),
  POSTGRESQL("jdbc:postgresql:", "postgresql");

  private final String urlPrefix;
  private final String folder;

  DatabaseKind(String urlPrefix, String folder) {
    this.urlPrefix = urlPrefix;
    this.folder = folder;
  }

  /** The kind of database {@code url} names; anything else is refused at start. */
  public static DatabaseKind ofUrl(String url) {
    String lower = url == null ? "" : url.strip().toLowerCase(Locale.ROOT);
    for (DatabaseKind kind : values()) {
      if (lower.startsWith(kind.urlPrefix)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "CACHET_DB_URL must be a jdbc:h2: or a jdbc:postgresql: URL, not '" + url + "'");
  }

  /**
   * The kind of database a connection reports ({@code DatabaseMetaData#getDatabaseProductName}).
   */
  public static DatabaseKind ofProduct(String productName) {
    if ("H2".equalsIgnoreCase(productName)) {
      return H2;
    }
    if ("PostgreSQL".equalsIgnoreCase(productName)) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException("unsupported database " + productName);
  }

  /** The folder of this database's migrations under {@code db/migration}. */
  public String migrationFolder() {
    return folder;
  }
}
