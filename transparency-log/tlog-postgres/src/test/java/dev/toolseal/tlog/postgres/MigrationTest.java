package dev.toolseal.tlog.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The log's Flyway migrations coexist with an application's own schema and re-run cleanly. */
class MigrationTest {
  @Test
  void migratesBesideAnotherApplicationsTablesAndIsIdempotent() throws Exception {
    try (EmbeddedDatabase db = EmbeddedDatabase.createEmpty();
        Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE registry_servers (name text PRIMARY KEY)");
      s.execute("CREATE TABLE flyway_schema_history (installed_rank int)");
      PostgresLogStore.migrate(db.dataSource());
      PostgresLogStore.migrate(db.dataSource());
      PostgresLogStore store = new PostgresLogStore(db.dataSource());
      assertEquals(0, store.sequencedSize());
      assertTrue(store.latestCheckpoint().isEmpty());
      try (ResultSet rs = s.executeQuery(
          "SELECT count(*) FROM tlog_schema_history WHERE version = '1' AND success")) {
        rs.next();
        assertEquals(1, rs.getInt(1));
      }
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM registry_servers")) {
        rs.next();
        assertEquals(0, rs.getInt(1), "the application's tables are untouched");
      }
    }
  }
}
