/**
 * The gate engine: a relay of newline-delimited JSON-RPC between one MCP client and one MCP
 * server that lets through only what a {@link dev.toolseal.verifier.gate.ManifestVerifier}
 * accepted of the live manifest. It is the one place the gate's rules live; the front ends
 * only adapt transports: {@code toolseal guard} (publisher-cli: stdio, and streamable HTTP with
 * {@code --listen}) and {@link dev.toolseal.verifier.gate.GatedMcpClient} (the official Java SDK
 * client over an in-memory transport).
 *
 * <p>{@link dev.toolseal.verifier.relay.Guard} owns the upstream ({@link
 * dev.toolseal.verifier.relay.ProcessUpstream} or {@link dev.toolseal.verifier.relay.HttpUpstream})
 * and the threads; {@link dev.toolseal.verifier.relay.GuardSession} routes every message under
 * one lock and holds traffic while a verification is pending, by the positive routing rule of
 * docs/design/boundary.md ({@link dev.toolseal.verifier.relay.Routing} keeps what was forwarded
 * and relayed, {@link dev.toolseal.verifier.relay.ServerMessages} says which server messages a
 * verdict lets through, {@link dev.toolseal.verifier.relay.Delivery} delivers them, {@link
 * dev.toolseal.verifier.relay.Handshake} holds the client's {@code initialize} until a verdict,
 * {@link dev.toolseal.verifier.relay.HeldTraffic} holds what waits for one, and {@link
 * dev.toolseal.verifier.relay.OwnRequests} keeps the engine's own requests); {@link
 * dev.toolseal.verifier.relay.LiveRecorder} records every list page with the engine's own request
 * ids; {@link dev.toolseal.verifier.relay.GuardVerdict} serves the verified lists, and {@link
 * dev.toolseal.verifier.relay.Admission} answers "may this request go out"; {@link
 * dev.toolseal.verifier.relay.ReferenceCapabilities} says which client capabilities the live
 * manifest is judged with.
 *
 * <p>Wire formats: newline-delimited JSON-RPC 2.0 (parsed strictly and bounded by {@link
 * dev.toolseal.verifier.relay.RpcParser}); refusals are JSON-RPC errors with code -32001 and
 * {@code data.toolseal} ({@link dev.toolseal.verifier.relay.Responses}); the JSON-lines audit
 * log ({@link dev.toolseal.verifier.relay.AuditLog}). Design notes: docs/design/guard.md and
 * docs/design/boundary.md. Examples: {@code RpcParserTest} here, {@code GuardEnforcementTest} in
 * publisher-cli.
 */
package dev.toolseal.verifier.relay;
