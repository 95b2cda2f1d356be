/**
 * A C2SP tlog-witness (c2sp.org/tlog-witness): a server that cosigns a log's checkpoints only
 * while they stay consistent with what it cosigned before, and its client.
 *
 * <p>Wire format: {@code POST /add-checkpoint} with {@code old <size>\n}, up to 63 base64
 * consistency proof lines, an empty line and the signed checkpoint note ({@link
 * dev.toolseal.tlog.witness.AddCheckpointRequest}); the answer is a {@code cosignature/v1} note
 * signature line (200) or 400/403/404/409/422, the 409 body being the witness's latest size
 * ({@code text/x.tlog.size}). State: one atomically replaced, fsynced file per log ({@link
 * dev.toolseal.tlog.witness.FileStateStore}). Example: {@code WitnessTest}, {@code
 * WitnessServerTest}.
 */
package dev.toolseal.tlog.witness;
