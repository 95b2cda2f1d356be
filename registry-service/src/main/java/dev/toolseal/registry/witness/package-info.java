/**
 * Witness cosignatures of the log's checkpoints (C2SP tlog-witness, tlog-cosignature).
 *
 * <p>{@link dev.toolseal.registry.witness.WitnessCosignatures} sends each new checkpoint to the
 * witnesses in {@code toolseal.witnesses} ({@code <url>|<vkey>}) and keeps their latest
 * cosignatures, which {@code GET /log/checkpoint} serves as extra signature lines of the note.
 * Example: {@code WitnessedLogTest}.
 */
package dev.toolseal.registry.witness;
