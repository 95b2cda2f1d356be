/**
 * ToolSeal attestations: DSSE envelopes carrying in-toto Statement v1 payloads.
 *
 * <p>Wire format: a DSSE JSON envelope {@code {"payload": base64, "payloadType":
 * "application/vnd.in-toto+json", "signatures": [{"keyid": hex SHA-256 of SPKI, "sig": base64}]}}
 * whose signatures cover {@link dev.toolseal.verifier.attest.Pae} (lengths in UTF-8 bytes); the
 * payload is the JCS form of a Statement {@code {"_type", "subject", "predicateType",
 * "predicate"}}. Predicates: {@link dev.toolseal.verifier.attest.Release} (the manifest),
 * {@link dev.toolseal.verifier.attest.Review} (SLSA VSA v1 plus findings),
 * {@link dev.toolseal.verifier.attest.KeyBinding}, {@link dev.toolseal.verifier.attest.KeyRotation},
 * {@link dev.toolseal.verifier.attest.KeyRevocation} and
 * {@link dev.toolseal.verifier.attest.ReleaseYank}. Parsers are strict and bounded, one checked
 * exception per format; verification throws
 * {@link dev.toolseal.verifier.attest.AttestationVerificationException} with evidence. Decisions
 * are in docs/design/attestations.md.
 *
 * <p>Examples: {@code AttestationsTest}, {@code EnvelopeTest}, {@code PaeTest}.
 */
package dev.toolseal.verifier.attest;
