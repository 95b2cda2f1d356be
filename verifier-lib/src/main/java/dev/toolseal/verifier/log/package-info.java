/**
 * The client's view of the transparency log: which logs it trusts ({@link
 * dev.toolseal.verifier.log.LogTrust}, {@link dev.toolseal.verifier.log.LogId}), the newest
 * checkpoint it has seen of each ({@link dev.toolseal.verifier.log.CheckpointStore}, in memory or
 * one file per log), and the rule that moves that view only forward along consistency proofs
 * ({@link dev.toolseal.verifier.log.CheckpointTracker}); two inconsistent signed checkpoints are
 * a {@link dev.toolseal.verifier.log.LogForkException} carrying both. Also the log leaf, {@link
 * dev.toolseal.verifier.log.LogLeaf}: the JCS record {@code {kind, name, version, digest, keyId,
 * predicateType, envelopeDigest}} whose RFC 6962 leaf hash the log commits to. Checkpoint notes
 * are opened through {@link dev.toolseal.verifier.log.CheckpointOpener}, which remembers notes
 * that verified.
 *
 * <p>Stored files hold C2SP signed checkpoint notes byte for byte. Examples: {@code
 * CheckpointTrackerTest}, {@code CheckpointStoreContract}, {@code LogLeafTest}.
 */
package dev.toolseal.verifier.log;
