package dev.toolseal.tlog.postgres;

import dev.toolseal.tlog.engine.LogStore;
import dev.toolseal.tlog.engine.LogStoreContract;

/** The store contract against {@link PostgresLogStore} on a fresh embedded database per test. */
class PostgresLogStoreTest extends LogStoreContract {
  private EmbeddedDatabase db;

  @Override
  protected LogStore newStore() {
    db = EmbeddedDatabase.createMigrated();
    return new PostgresLogStore(db.dataSource());
  }

  @Override
  protected void closeStore() {
    db.close();
  }
}
