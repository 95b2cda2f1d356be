/**
 * C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the signed tree head of a log.
 *
 * <p>Wire format: a signed note whose text is the origin line, the tree size in decimal (no
 * leading zeros), the standard base64 of the 32-byte RFC 6962 root, and optional non-empty
 * extension lines, each ending in {@code \n}. The log signs with an Ed25519 note key named after
 * its origin; {@link dev.toolseal.tlog.checkpoint.SignedCheckpoint#open} demands that signature,
 * that origin, and optionally a quorum of witness cosignatures. Example: {@code CheckpointTest}
 * and {@code SignedCheckpointTest}.
 */
package dev.toolseal.tlog.checkpoint;
