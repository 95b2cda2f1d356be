/**
 * ToolSeal's verifier: tool manifests recorded from live MCP servers, their RFC 8785 digests,
 * signed attestations over them, and the checks an MCP client runs before it trusts a server.
 */
package dev.toolseal.verifier;
