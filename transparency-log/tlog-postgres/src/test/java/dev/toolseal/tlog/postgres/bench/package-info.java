/**
 * The log engine's benchmark, {@link dev.toolseal.tlog.postgres.bench.TlogBench}: appends per
 * second at several concurrencies, integration lag, proof latency from tiles and bytes stored
 * per entry. Not a test; run through the Maven profile {@code bench} (see the module README).
 */
package dev.toolseal.tlog.postgres.bench;
