/**
 * {@code toolseal guard}'s command-line parts over verifier-lib's gate engine ({@code
 * dev.toolseal.verifier.relay}, which owns the relay, the upstreams and the rules): the client
 * side as a streamable HTTP server ({@link dev.toolseal.cli.guard.HttpClientSide}, {@code
 * --listen}), and trust on first use ({@link dev.toolseal.cli.guard.TofuVerifier} over a {@link
 * dev.toolseal.cli.guard.LockFile}).
 *
 * <p>Wire formats: the lock file ({@code toolseal.dev/guard-lock/v1}); the client side speaks
 * streamable HTTP and hands the engine newline-delimited JSON-RPC 2.0. Design notes:
 * docs/design/guard.md. Examples: {@code GuardEnforcementTest}; against hostile servers,
 * {@code GuardBoundaryTest} and {@code HostileCorpusTest}.
 */
package dev.toolseal.cli.guard;
