package dev.toolseal.tlog.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.tlog.engine.PublishedCheckpoint;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two writer JVMs append to one database at once: one linear log results, no acknowledged
 * entry is lost or duplicated, and every checkpoint either of them published is consistent
 * with every other.
 */
class ConcurrentWritersTest {
  private static final int THREADS = 4;
  private static final int PER_THREAD = 120;

  @Test
  void twoWritersOnOneDatabaseKeepOneLinearLog() throws Exception {
    try (EmbeddedDatabase db = EmbeddedDatabase.createMigrated()) {
      PostgresLogStore store = new PostgresLogStore(db.dataSource());
      WriterProcess a = WriterProcess.start(db.jdbcUrl(), "a", THREADS, PER_THREAD);
      WriterProcess b = WriterProcess.start(db.jdbcUrl(), "b", THREADS, PER_THREAD);
      assertEquals(0, a.waitFor());
      assertEquals(0, b.waitFor());

      Map<Long, String> acked = new HashMap<>(a.acked());
      for (Map.Entry<Long, String> e : b.acked().entrySet()) {
        String clash = acked.put(e.getKey(), e.getValue());
        assertEquals(null, clash, "index " + e.getKey() + " given to both writers");
      }
      int total = 2 * THREADS * PER_THREAD;
      assertEquals(total, acked.size());
      assertEquals(total, new HashSet<>(acked.values()).size(), "an entry stored twice");
      assertEquals(total, store.sequencedSize(), "the log holds exactly the acknowledged entries");

      LogAudit audit = new LogAudit(store);
      PublishedCheckpoint latest = store.latestCheckpoint().orElseThrow();
      assertEquals(total, latest.size());
      audit.assertIncluded(acked, latest);

      List<PublishedCheckpoint> history = audit.history();
      assertTrue(history.size() >= 2);
      for (int i = 0; i < history.size(); i++) {
        LogAudit.assertSigned(history.get(i));
        for (int j = i + 1; j < history.size(); j++) {
          audit.assertConsistent(history.get(i), history.get(j));
        }
      }
    }
  }
}
