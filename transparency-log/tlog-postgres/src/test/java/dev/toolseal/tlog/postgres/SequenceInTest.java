package dev.toolseal.tlog.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toolseal.tlog.engine.Leaf;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PostgresLogStore#sequenceIn}: leaves sequenced in the caller's transaction share its fate
 * with the caller's own rows, and get consecutive indexes after those the store sequenced itself.
 */
class SequenceInTest {
  private EmbeddedDatabase db;
  private PostgresLogStore store;

  @BeforeEach
  void start() throws Exception {
    db = EmbeddedDatabase.createMigrated();
    store = new PostgresLogStore(db.dataSource());
    try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE app_rows (name TEXT PRIMARY KEY)");
    }
  }

  @AfterEach
  void stop() {
    db.close();
  }

  @Test
  void aRolledBackTransactionSequencesNothingAndStoresNoRow() throws Exception {
    store.sequence(List.of(leaf("a")));
    try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
      c.setAutoCommit(false);
      st.execute("INSERT INTO app_rows VALUES ('b')");
      assertEquals(1, PostgresLogStore.sequenceIn(c, List.of(leaf("b"))));
      c.rollback();
    }
    assertEquals(1, store.sequencedSize());
    assertEquals(0, rows());
  }

  @Test
  void aCommittedTransactionSequencesItsLeavesWithItsRows() throws Exception {
    store.sequence(List.of(leaf("a")));
    try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
      c.setAutoCommit(false);
      st.execute("INSERT INTO app_rows VALUES ('b'), ('c')");
      assertEquals(1, PostgresLogStore.sequenceIn(c, List.of(leaf("b"), leaf("c"))));
      c.commit();
    }
    assertEquals(3, store.sequencedSize());
    assertEquals(2, rows());
    List<Leaf> stored = store.readLeaves(0, 3);
    assertArrayEquals(leaf("c").entry(), stored.get(2).entry());
    assertEquals(leaf("b").hash(), stored.get(1).hash());
  }

  private long rows() throws Exception {
    try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT count(*) FROM app_rows")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Leaf leaf(String text) {
    return Leaf.of(text.getBytes(StandardCharsets.UTF_8));
  }
}
