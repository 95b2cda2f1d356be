/**
 * Offline proof that an attestation is in the ToolSeal log: {@link
 * dev.toolseal.verifier.bundle.OfflineBundle} = DSSE envelope + log leaf + {@link
 * dev.toolseal.verifier.bundle.EntryProof} (index, inclusion proof, signed checkpoint).
 *
 * <p>Wire formats: Sigstore bundle v0.3 JSON ({@code
 * application/vnd.dev.sigstore.bundle.v0.3+json}, read and written with the protobuf-specs
 * classes and strict checks of every field, {@link dev.toolseal.verifier.bundle.BundleFormat})
 * and the C2SP tlog-proof@v1 text ({@link dev.toolseal.verifier.bundle.EntryProof#toTlogProof}).
 * {@link dev.toolseal.verifier.bundle.InclusionVerifier} checks the checkpoint signature and the
 * Merkle inclusion proof. Example: {@code OfflineBundleTest}.
 */
package dev.toolseal.verifier.bundle;
