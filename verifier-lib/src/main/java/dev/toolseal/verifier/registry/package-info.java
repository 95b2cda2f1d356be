/**
 * A client of the ToolSeal registry's HTTP API (registry-service/README.md): the write API
 * (challenges, envelopes), release evidence for {@link
 * dev.toolseal.verifier.verification.ReleaseVerifier} ({@link
 * dev.toolseal.verifier.registry.RegistryEvidence}), consistency proofs ({@link
 * dev.toolseal.verifier.registry.RegistryLogClient}), checkpoints and tiles. Answers are read up
 * to size bounds and parsed strictly; errors are typed ({@link
 * dev.toolseal.verifier.registry.RegistryProblemException} carries the RFC 9457 {@code type}).
 * Tested against the real registry in registry-service's {@code RegistryClientTest}.
 */
package dev.toolseal.verifier.registry;
