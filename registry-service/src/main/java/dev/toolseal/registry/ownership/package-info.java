/**
 * Ownership proofs of key bindings: the registry's checks of the three methods of {@link
 * dev.toolseal.verifier.attest.Ownership} (DNS TXT records, the well-known file, GitHub Actions
 * OIDC tokens), each failure a {@link dev.toolseal.registry.ownership.OwnershipProofException}
 * naming the method and a {@link dev.toolseal.registry.ownership.ProofFailure}. The record format is
 * {@link dev.toolseal.verifier.attest.OwnershipRecord}. The rules and why: docs/design/roots-of-trust.md;
 * tests against a real dnsmasq, a loopback HTTP server and a loopback OIDC issuer: {@code
 * OwnershipChecksTest}, {@code ProvenBindingTest}.
 */
package dev.toolseal.registry.ownership;
