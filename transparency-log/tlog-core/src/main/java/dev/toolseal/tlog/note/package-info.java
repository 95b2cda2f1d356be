/**
 * C2SP signed notes (c2sp.org/signed-note) with Ed25519 keys, and C2SP tlog-cosignature witness
 * cosignatures; JDK crypto only. A caller may hand a verifier key its own implementation of the
 * same Ed25519 check ({@link dev.toolseal.tlog.note.SignatureCheck}, {@code SignatureCheckTest}).
 *
 * <p>Wire format: a text ending in {@code \n}, a blank line, then one line per signature,
 * {@code — <key name> base64(4-byte big-endian key ID || signature)}. Key ID =
 * {@code SHA-256(name || 0x0A || type || public key)[:4]}, type 0x01 for note keys and 0x04 for
 * cosigner keys. Verifier keys are {@code name+hexid+base64(type||publickey)}, private keys
 * {@code PRIVATE+KEY+name+hexid+base64(0x01||seed)}.
 *
 * <p>{@link dev.toolseal.tlog.note.Note#open} is strict and bounded (1 MiB, 100 signatures,
 * canonical base64, lower-case hex IDs): an invalid signature by a known key is an error, an
 * unknown key's signature is kept unverified, and at least one known key must have signed.
 * Example: {@code NoteOpenTest} (the Go reference vectors) and {@code NoteRoundTripTest}.
 */
package dev.toolseal.tlog.note;
