/**
 * The MCP client gate: an official-SDK client that only lets through what was verified.
 *
 * <p>{@link dev.toolseal.verifier.gate.GatedMcpClient} is a front end of the gate engine in
 * {@code dev.toolseal.verifier.relay} (the SDK client talks to it over an in-memory transport);
 * the engine records the live server raw (every page
 * of every list, and {@code initialize}), assembles the live {@link
 * dev.toolseal.verifier.manifest.ToolManifest} and hands it to a {@link
 * dev.toolseal.verifier.gate.ManifestVerifier}, whose {@link dev.toolseal.verifier.gate.Decision}
 * accepts everything, accepts only some parts, or rejects the server. It does so on connect, on
 * every restart, on every list_changed notification and on any re-initialisation, and blocks
 * requests until the new {@link dev.toolseal.verifier.gate.Verdict} is in force. Refusals are
 * {@link dev.toolseal.verifier.gate.GateRefusedException}s with structured {@link
 * dev.toolseal.verifier.gate.GateReason}s (part key, change kind, JSON pointers) and a line for
 * people. {@link dev.toolseal.verifier.gate.PinnedManifestVerifier} trusts one given manifest;
 * {@link dev.toolseal.verifier.gate.ReleaseManifestVerifier} trusts a signed, reviewed, logged
 * release (offline bundle evidence), and a reason for a release that did not verify carries the
 * typed failure.
 *
 * <p>No wire format of its own: it speaks MCP (JSON-RPC 2.0) through the SDK and judges the
 * manifest format of {@code dev.toolseal.verifier.manifest}.
 *
 * <p>Example: {@code GateRugPullTest} runs every rug-pull variant of the npm test server through
 * the gate; {@code ReleaseGateRugPullTest} and {@code ReleaseGateChainFailureTest} do so through
 * the full signed chain; design notes in docs/design/gate.md.
 */
package dev.toolseal.verifier.gate;
