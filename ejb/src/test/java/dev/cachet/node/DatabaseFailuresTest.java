package dev.cachet.node;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** A database that is away is told from a bug, through any wrapping. */
class DatabaseFailuresTest {

  @Test
  void connectionTroubleIsTheDatabaseBeingUnavailable() {
    assertThat(DatabaseFailures.unavailable(new SQLException("refused", "08001"))).isTrue();
    assertThat(DatabaseFailures.unavailable(new SQLException("shutting down", "57P01"))).isTrue();
    assertThat(DatabaseFailures.unavailable(new SQLException("too many clients", "53300")))
        .isTrue();
    assertThat(DatabaseFailures.unavailable(new SQLTransientConnectionException("pool"))).isTrue();
    assertThat(
            DatabaseFailures.unavailable(
                new RuntimeException(
                    new PersistenceException(new SQLException("I/O error", "08006")))))
        .as("wrapped by JPA and the container")
        .isTrue();
    SQLException chained = new SQLException("batch failed", "HY000");
    chained.setNextException(new SQLException("gone", "08003"));
    assertThat(DatabaseFailures.unavailable(chained)).isTrue();
  }

  @Test
  void anythingElseIsNot() {
    assertThat(DatabaseFailures.unavailable(new IllegalStateException("a bug"))).isFalse();
    assertThat(
            DatabaseFailures.unavailable(
                new PersistenceException(
                    new SQLIntegrityConstraintViolationException("dup", "23505"))))
        .isFalse();
    assertThat(DatabaseFailures.unavailable(new SQLException("syntax", "42601"))).isFalse();
    RuntimeException loop = new RuntimeException("self");
    assertThat(DatabaseFailures.unavailable(loop)).isFalse();
  }
}
