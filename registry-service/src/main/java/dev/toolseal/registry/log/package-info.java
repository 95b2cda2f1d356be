/**
 * The registry's transparency log: its note signing key and the read API.
 *
 * <p>The key is a C2SP signed-note Ed25519 key named after the checkpoint origin
 * ({@code toolseal.log.origin}, default {@code toolseal.local/log}); its verifier key string is
 * served as {@code text/plain} at {@code GET /log/key}. Examples: {@code LogKeyFileTest},
 * {@code LogKeyResourceTest}.
 */
package dev.toolseal.registry.log;
