/**
 * The registry's own tables (Flyway {@code db/migration/registry}) over plain JDBC: entries (every
 * accepted envelope in canonical JSON, its log leaf and log index), namespace keys, releases,
 * reviews and refused overwrites ({@code version_conflicts}). {@link dev.toolseal.registry.store.Transactions}
 * runs the services' transactions. Example: {@code WriteApiTest}.
 */
package dev.toolseal.registry.store;
