/**
 * C2SP tlog-proof@v1 (c2sp.org/tlog-proof): an offline proof that an entry is in a log.
 *
 * <p>Wire format, one item per line: {@code c2sp.org/tlog-proof@v1}, optionally
 * {@code extra <base64>} (unauthenticated), {@code index <decimal>}, the base64 inclusion proof
 * hashes from the leaf's sibling up, a blank line, then the signed checkpoint note verbatim. The
 * parser is strict and bounded; verifying the inclusion proof against the checkpoint's root is
 * the Merkle code's job. Example: {@code TlogProofTest}.
 */
package dev.toolseal.tlog.proof;
