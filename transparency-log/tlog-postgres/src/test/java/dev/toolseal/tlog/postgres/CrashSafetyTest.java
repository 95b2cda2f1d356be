package dev.toolseal.tlog.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.tlog.engine.Integrator;
import dev.toolseal.tlog.engine.LogOptions;
import dev.toolseal.tlog.engine.PublishedCheckpoint;
import dev.toolseal.tlog.engine.TestLogKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A writer JVM is killed with SIGKILL while appending; afterwards no acknowledged entry is lost
 * and the tree is consistent with every checkpoint published before the crash.
 */
class CrashSafetyTest {
  @Test
  void aKilledWriterLosesNoAcknowledgedEntryAndTheTreeStaysConsistent() throws Exception {
    try (EmbeddedDatabase db = EmbeddedDatabase.createMigrated()) {
      PostgresLogStore store = new PostgresLogStore(db.dataSource());
      LogAudit audit = new LogAudit(store);

      WriterProcess first = WriterProcess.start(db.jdbcUrl(), "first", 8, -1);
      first.awaitAcks(1500);
      awaitCheckpoints(audit, 3);
      first.kill();
      Map<Long, String> acked = new HashMap<>(first.acked());
      List<PublishedCheckpoint> beforeCrash = audit.history();
      assertTrue(beforeCrash.size() >= 3);

      WriterProcess second = WriterProcess.start(db.jdbcUrl(), "second", 2, 50);
      assertEquals(0, second.waitFor());
      assertTrue(second.printedDone());
      acked.putAll(second.acked());
      new Integrator(store, TestLogKey.signer(), LogOptions.defaults()).integrateOnce();

      PublishedCheckpoint latest = store.latestCheckpoint().orElseThrow();
      assertEquals(store.sequencedSize(), latest.size(), "everything sequenced is integrated");
      LogAudit.assertSigned(latest);
      audit.assertIncluded(acked, latest);
      for (PublishedCheckpoint old : beforeCrash) {
        LogAudit.assertSigned(old);
        audit.assertConsistent(old, latest);
      }
    }
  }

  private static void awaitCheckpoints(LogAudit audit, int n) throws Exception {
    for (int i = 0; i < 3000 && audit.history().size() < n; i++) {
      Thread.sleep(20);
    }
  }
}
