package dev.toolseal.tlog.postgres;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.toolseal.tlog.engine.Leaf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows changed behind the store's back are detected, never served as sound. */
class CorruptionTest {
  @Test
  void anEntryThatNoLongerMatchesItsLeafHashIsAnError() throws Exception {
    try (EmbeddedDatabase db = EmbeddedDatabase.createMigrated()) {
      PostgresLogStore store = new PostgresLogStore(db.dataSource());
      store.sequence(List.of(Leaf.of("a".getBytes(StandardCharsets.UTF_8)),
          Leaf.of("b".getBytes(StandardCharsets.UTF_8))));
      store.readLeaves(0, 2);
      try (Connection c = db.dataSource().getConnection();
          Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE tlog_entries SET entry = 'B'::bytea WHERE idx = 1");
      }
      store.readLeaves(0, 1);
      assertThrows(IOException.class, () -> store.readLeaves(0, 2));
    }
  }
}
