/**
 * ToolSeal's verifier: tool manifests recorded from live MCP servers, their RFC 8785 digests,
 * signed attestations over them, and the checks an MCP client runs before it trusts a server.
 *
 * <p>Shared here: {@link dev.toolseal.verifier.VerificationException}, the base of every typed
 * rejection, and {@link dev.toolseal.verifier.SuccessCache}, the fail-closed memory of checks on
 * immutable evidence (docs/design/verification.md, "Remembered evidence"; {@code
 * SuccessCacheTest}).
 */
package dev.toolseal.verifier;
