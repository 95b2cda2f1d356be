package dev.toolseal.tlog.postgres;

import io.agroal.api.AgroalDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One embedded PostgreSQL server per test JVM (zonky), started on first use and stopped by its
 * shutdown hook, with a fresh, migrated database for each caller.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres server;

  private final String name;
  private final AgroalDataSource dataSource;
  private final String jdbcUrl;

  private EmbeddedDatabase(String name, AgroalDataSource dataSource, String jdbcUrl) {
    this.name = name;
    this.dataSource = dataSource;
    this.jdbcUrl = jdbcUrl;
  }

  /** Creates an empty database on the shared server and runs the log's migrations in it. */
  public static EmbeddedDatabase createMigrated() {
    EmbeddedDatabase db = createEmpty();
    PostgresLogStore.migrate(db.dataSource());
    return db;
  }

  /** Creates an empty database on the shared server. */
  public static EmbeddedDatabase createEmpty() {
    EmbeddedPostgres pg = server();
    String name = "tlog_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    String url = pg.getJdbcUrl("postgres", name);
    return new EmbeddedDatabase(name, PooledDataSource.open(url, 8), url);
  }

  public String name() {
    return name;
  }

  /** A pool of at most 8 connections to this database. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** Closes this database's connection pool; the database itself stays until the JVM ends. */
  @Override
  public void close() {
    dataSource.close();
  }

  /** A JDBC URL (user {@code postgres}, no password) for another JVM on this machine. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server =
            EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
    }
    return server;
  }
}
