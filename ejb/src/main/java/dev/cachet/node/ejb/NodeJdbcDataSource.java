package dev.cachet.node.ejb;

import dev.cachet.host.ejb.NodeDataDirectory;
import dev.cachet.node.DatabaseKind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The node's JDBC data source: H2's or PostgreSQL's, chosen by the URL ({@code CACHET_DB_URL}), so
 * one {@code @DataSourceDefinition} serves both. Without a URL it is the H2 file {@code cachet} in
 * the data directory ({@link NodeDataDirectory}), so moving the data directory moves the database
 * with it. It is a plain (non-XA) {@code DataSource}: the node's transactions each touch this one
 * database, so the container runs them as local transactions.
 *
 * <p>PostgreSQL sessions run with {@code synchronous_commit=on} whatever the server's default: a
 * commit returns only once its WAL is flushed, so a signature released is durable against power
 * loss too. Connections time out instead of hanging when the server is away.
 *
 * <p>Written by hand because no driver routes by URL behind the {@code DataSource} interface that
 * the container's pool instantiates by class name.
 */
public class NodeJdbcDataSource implements DataSource {

  /** The user an H2 file is created with when none is configured (and must be opened with). */
  static final String H2_DEFAULT_USER = "sa";

  static final int CONNECT_TIMEOUT_SECONDS = 5;
  static final int SOCKET_TIMEOUT_SECONDS = 30;
  static final String POSTGRESQL_SESSION_OPTIONS = "-c synchronous_commit=on";

  private String url;
  private String user;
  private String password;
  private int loginTimeout;
  private PrintWriter logWriter;
  private volatile DataSource delegate;

  public void setUrl(String url) {
    this.url = url;
  }

  public void setURL(String url) {
    setUrl(url);
  }

  public String getUrl() {
    return url;
  }

  public String getURL() {
    return url;
  }

  public void setUser(String user) {
    this.user = user;
  }

  public String getUser() {
    return user;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return delegate().getConnection();
  }

  @Override
  public Connection getConnection(String username, String pass) throws SQLException {
    return delegate().getConnection(username, pass);
  }

  /** The vendor's data source for the URL, made at the first connection. */
  DataSource delegate() {
    DataSource d = delegate;
    if (d == null) {
      synchronized (this) {
        if (delegate == null) {
          String effective = url == null || url.isBlank() ? embeddedUrl() : url;
          delegate = create(effective, user, password);
        }
        d = delegate;
      }
    }
    return d;
  }

  /** The embedded default: the H2 file {@code cachet} in the data directory, readied first. */
  static String embeddedUrl() {
    return embeddedUrl(NodeDataDirectory.readied().path().toString());
  }

  /** The H2 file database of a node whose data directory is {@code dataDir}. */
  public static String embeddedUrl(String dataDir) {
    return "jdbc:h2:file:" + Path.of(dataDir).resolve("cachet");
  }

  /** The vendor's data source for {@code url}, configured as the node needs it. */
  public static DataSource create(String url, String user, String password) {
    switch (DatabaseKind.ofUrl(url)) {
      case H2:
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL(url);
        h2.setUser(user == null || user.isEmpty() ? H2_DEFAULT_USER : user);
        h2.setPassword(password == null ? "" : password);
        return h2;
      case POSTGRESQL:
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setUrl(url);
        if (user != null && !user.isEmpty()) {
          pg.setUser(user);
        }
        if (password != null && !password.isEmpty()) {
          pg.setPassword(password);
        }
        String options = pg.getOptions();
        pg.setOptions(
            options == null || options.isBlank()
                ? POSTGRESQL_SESSION_OPTIONS
                : options + " " + POSTGRESQL_SESSION_OPTIONS);
        pg.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        pg.setLoginTimeout(CONNECT_TIMEOUT_SECONDS);
        pg.setSocketTimeout(SOCKET_TIMEOUT_SECONDS);
        pg.setTcpKeepAlive(true);
        pg.setApplicationName("cachet");
        return pg;
      default:
        throw new IllegalStateException("unhandled database kind");
    }
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public void setLoginTimeout(int seconds) {
    this.loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no parent logger");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    return delegate().unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || delegate().isWrapperFor(type);
  }
}
