/**
 * {@code toolseal guard}: an MCP server over stdio (or streamable HTTP, {@link
 * dev.toolseal.cli.guard.HttpClientSide}) that runs the real server as a child process (or
 * talks to it over streamable HTTP, {@link dev.toolseal.cli.guard.HttpUpstream}), relays
 * JSON-RPC lines both ways, and lets through only what a {@link
 * dev.toolseal.verifier.gate.ManifestVerifier} accepted of the live manifest.
 *
 * <p>{@link dev.toolseal.cli.guard.Guard} owns the child and the threads; {@link
 * dev.toolseal.cli.guard.GuardSession} routes every message under one lock and holds traffic
 * while a verification is pending, by the positive routing rule of docs/design/boundary.md
 * ({@link dev.toolseal.cli.guard.Routing} keeps what was forwarded and relayed, {@link
 * dev.toolseal.cli.guard.ServerMessages} says which server messages a verdict lets through,
 * {@link dev.toolseal.cli.guard.Delivery} delivers them);
 * {@link dev.toolseal.cli.guard.LiveRecorder} records every
 * list page with the guard's own request ids over the client's session; {@link
 * dev.toolseal.cli.guard.GuardVerdict} serves the verified lists and answers "may this call
 * go out". Trust is {@link dev.toolseal.cli.guard.TofuVerifier} over a {@link
 * dev.toolseal.cli.guard.LockFile}, or verifier-lib's release verifier over offline bundles;
 * {@link dev.toolseal.cli.guard.ReferenceCapabilities} says which client capabilities the
 * live manifest is judged with.
 *
 * <p>Wire formats: newline-delimited JSON-RPC 2.0 (parsed strictly and bounded by {@link
 * dev.toolseal.cli.guard.RpcParser}); refusals are JSON-RPC errors with code -32001, a fixed
 * message and {@code data.toolseal} ({@link dev.toolseal.cli.guard.Responses}); the lock file
 * ({@code toolseal.dev/guard-lock/v1}) and the JSON-lines audit log ({@link
 * dev.toolseal.cli.guard.AuditLog}). Design notes: docs/design/guard.md. Example:
 * {@code GuardEnforcementTest}; against a hostile server, {@code GuardBoundaryTest}.
 */
package dev.toolseal.cli.guard;
