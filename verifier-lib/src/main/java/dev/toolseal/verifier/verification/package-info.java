/**
 * Client-side verification of a live MCP server against its release:
 * {@link dev.toolseal.verifier.verification.ReleaseVerifier#verify} takes the live {@code
 * ToolManifest}, the {@link dev.toolseal.verifier.verification.ReleaseEvidence} (release, review
 * and key-event bundles plus a source of consistency proofs), a
 * {@link dev.toolseal.verifier.verification.VerificationPolicy} and the client's checkpoint store,
 * and returns a {@link dev.toolseal.verifier.verification.VerificationResult}: the entries that
 * may be shown, those to hide, and every reason in plain words. It fails closed; whole-release
 * failures carry a typed {@link dev.toolseal.verifier.VerificationException} with evidence.
 * A {@link dev.toolseal.verifier.verification.ReleaseEvidenceSource} says where the evidence comes
 * from; {@link dev.toolseal.verifier.verification.OfflineEvidenceFiles} reads bundle files.
 *
 * <p>Wire formats: none of its own; bundles are read by {@code dev.toolseal.verifier.bundle}.
 * Rules are in docs/design/verification.md. Examples: {@code ReleaseVerifierTest}; key
 * rotations and release yanks in {@code KeyRotationTest} and {@code ReleaseYankTest}.
 */
package dev.toolseal.verifier.verification;
