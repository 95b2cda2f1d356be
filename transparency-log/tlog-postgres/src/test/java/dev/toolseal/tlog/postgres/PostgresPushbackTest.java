package dev.toolseal.tlog.postgres;

import dev.toolseal.tlog.engine.LogStore;
import dev.toolseal.tlog.engine.PushbackContract;

/** Pushback over {@link PostgresLogStore}. */
class PostgresPushbackTest extends PushbackContract {
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
