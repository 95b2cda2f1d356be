/**
 * The {@link dev.toolseal.tlog.engine.LogStore} in PostgreSQL over plain JDBC:
 * {@link dev.toolseal.tlog.postgres.PostgresLogStore}. The schema comes only from the Flyway
 * migrations in {@code db/tlog} (history table {@code tlog_schema_history}), run by
 * {@link dev.toolseal.tlog.postgres.PostgresLogStore#migrate}. Tiles, bundles and entries are
 * stored as raw {@code bytea} in their tlog-tiles form; checkpoints as signed note bytes beside
 * their size and root. Example: {@code PostgresLogStoreTest} and {@code CrashSafetyTest}.
 */
package dev.toolseal.tlog.postgres;
