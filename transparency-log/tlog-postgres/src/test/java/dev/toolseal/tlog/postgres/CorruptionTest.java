package dev.toolseal.tlog.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.toolseal.tlog.engine.CorruptStoreException;
import dev.toolseal.tlog.engine.Integrator;
import dev.toolseal.tlog.engine.Leaf;
import dev.toolseal.tlog.engine.LogOptions;
import dev.toolseal.tlog.engine.PublishedCheckpoint;
import dev.toolseal.tlog.engine.TestLogKey;
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

  @Test
  void theIntegratorRefusesToBuildOnTilesThatContradictTheCheckpoint() throws Exception {
    try (EmbeddedDatabase db = EmbeddedDatabase.createMigrated()) {
      PostgresLogStore store = new PostgresLogStore(db.dataSource());
      Integrator integrator =
          new Integrator(store, TestLogKey.signer(), LogOptions.defaults());
      store.sequence(List.of(Leaf.of("a".getBytes(StandardCharsets.UTF_8)),
          Leaf.of("b".getBytes(StandardCharsets.UTF_8))));
      PublishedCheckpoint cp = integrator.integrateOnce().orElseThrow();
      try (Connection c = db.dataSource().getConnection();
          Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE tlog_tiles SET data = set_byte(data, 0, get_byte(data, 0) # 1)"
            + " WHERE level = 0 AND idx = 0");
      }
      store.sequence(List.of(Leaf.of("c".getBytes(StandardCharsets.UTF_8))));
      CorruptStoreException e =
          assertThrows(CorruptStoreException.class, integrator::integrateOnce);
      assertEquals(cp.root(), e.checkpointRoot());
      assertEquals(cp, store.latestCheckpoint().orElseThrow(), "nothing was published");
    }
  }
}
