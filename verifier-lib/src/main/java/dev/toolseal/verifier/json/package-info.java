/**
 * The library's one strict JSON reader and one RFC 8785 (JCS) canonicalization, shared by the
 * manifest and attestation code so a release's subject digest and its manifest digest can never
 * disagree.
 *
 * <p>{@link dev.toolseal.verifier.json.StrictJson} reads UTF-8 RFC 8259 JSON under {@link
 * dev.toolseal.verifier.json.JsonLimits} and refuses duplicate keys, lone surrogates and numbers
 * JCS would change, with one checked {@link dev.toolseal.verifier.json.JsonFormatException} (each
 * package maps it to its own exception). {@link dev.toolseal.verifier.json.Jcs} writes the
 * canonical UTF-8 bytes of a tree and their SHA-256. Rules and erdtman findings:
 * docs/design/manifest.md; examples: {@code StrictJsonTest}, {@code JcsTest}, {@code
 * CanonicalAgreementTest}.
 */
package dev.toolseal.verifier.json;
