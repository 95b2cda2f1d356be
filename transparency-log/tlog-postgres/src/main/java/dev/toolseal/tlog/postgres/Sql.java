package dev.toolseal.tlog.postgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** JDBC plumbing: one connection per unit of work, SQL errors surfaced as IOExceptions. */
final class Sql {
  private Sql() {}

  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException, IOException;
  }

  /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
  static <T> T inTransaction(DataSource dataSource, Work<T> work) throws IOException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | IOException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        resetQuietly(c);
      }
    } catch (SQLException e) {
      throw new IOException("log store: " + e.getMessage(), e);
    }
  }

  /** Runs {@code work} on an auto-commit connection. */
  static <T> T read(DataSource dataSource, Work<T> work) throws IOException {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new IOException("log store: " + e.getMessage(), e);
    }
  }

  /** Executes a query that must return exactly one row with one {@code bigint}. */
  static long singleLong(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("expected one row, got none; was the schema migrated?");
      }
      return rs.getLong(1);
    }
  }

  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static void resetQuietly(Connection c) {
    try {
      if (!c.isClosed()) {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      // the connection is broken; closing it is all that is left to do
    }
  }
}
