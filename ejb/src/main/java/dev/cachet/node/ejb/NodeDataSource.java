package dev.cachet.node.ejb;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

/**
 * Defines the node's datasource so that it runs on its embedded H2 file database with no server
 * setup. {@code CACHET_DB_URL} (environment) points it elsewhere.
 */
@Singleton
@Startup
@DataSourceDefinition(
    name = "java:app/jdbc/cachet",
    className = "org.h2.jdbcx.JdbcDataSource",
    url = "${ENV=CACHET_DB_URL:jdbc:h2:file:./cachet-data/cachet}",
    user = "${ENV=CACHET_DB_USER:sa}",
    password = "${ENV=CACHET_DB_PASSWORD:}",
    minPoolSize = 1,
    maxPoolSize = 32)
public class NodeDataSource {}
