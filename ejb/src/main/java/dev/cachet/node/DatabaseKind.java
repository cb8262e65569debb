package dev.cachet.node;

import java.util.Locale;

/**
 * The databases a node runs on, chosen by the JDBC URL ({@code CACHET_DB_URL}): the embedded H2
 * file by default, PostgreSQL in production.
 */
public enum DatabaseKind {
  H2("jdbc:h2:"),
  POSTGRESQL("jdbc:postgresql:");

  private final String urlPrefix;

  DatabaseKind(String urlPrefix) {
    this.urlPrefix = urlPrefix;
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
}
