package dev.cachet.node.ejb;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

/**
 * Defines the node's datasource so that it runs on its embedded H2 file database with no server
 * setup, under {@code cachet.data-dir}. {@code CACHET_DB_URL} (environment) points it elsewhere:
 * another H2 file or PostgreSQL ({@link NodeJdbcDataSource} picks the driver by the URL). The pool
 * validates a connection before handing it out and drops all of them once one is found dead, so a
 * database that restarted is used again without a node restart.
 */
@Singleton
@Startup
@Lock(LockType.READ)
@DataSourceDefinition(
    name = "java:app/jdbc/cachet",
    className = "dev.cachet.node.ejb.NodeJdbcDataSource",
    url = "${ENV=CACHET_DB_URL:}",
    user = "${ENV=CACHET_DB_USER:}",
    password = "${ENV=CACHET_DB_PASSWORD:}",
    minPoolSize = 1,
    maxPoolSize = 32,
    maxIdleTime = 300,
    properties = {
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=custom-validation",
      "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
      "fish.payara.fail-all-connections=true",
      "fish.payara.max-wait-time-in-millis=5000",
      "fish.payara.connection-creation-retry-attempts=0"
    })
public class NodeDataSource {}
