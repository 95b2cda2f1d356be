/**
 * The default database: a real PostgreSQL server started in-process from the zonky binaries on
 * {@code ./data/postgres}, reused across restarts, unless {@code QUARKUS_DATASOURCE_JDBC_URL}
 * points elsewhere.
 *
 * <p>{@link dev.toolseal.registry.database.EmbeddedDatabaseConfigSourceFactory} hooks it into
 * SmallRye Config: the server starts when Quarkus first reads the JDBC URL (runtime config), so
 * before the datasource exists. {@link dev.toolseal.registry.database.StalePostmaster} clears the
 * orphan a {@code kill -9} leaves behind. Example: {@code StalePostmasterRecoveryTest}.
 */
package dev.toolseal.registry.database;
