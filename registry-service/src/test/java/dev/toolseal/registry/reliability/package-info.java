/**
 * The reliability suite, run by {@code ./bench reliability} (not part of {@code ./mvnw verify}):
 * {@link dev.toolseal.registry.reliability.ReliabilitySuite} starts one PostgreSQL server process
 * ({@link dev.toolseal.registry.reliability.PostgresServer}) and two packaged registry processes on
 * it ({@link dev.toolseal.registry.reliability.RegistryProcess}), drives publish and browse load
 * over HTTP ({@link dev.toolseal.registry.reliability.Load},
 * {@link dev.toolseal.registry.reliability.Publishers}) and audits the log from the outside
 * ({@link dev.toolseal.registry.reliability.LogAuditor}): signed checkpoints, consistency proofs,
 * inclusion of every acknowledged publish. Results go to stdout as a Markdown table.
 */
package dev.toolseal.registry.reliability;
