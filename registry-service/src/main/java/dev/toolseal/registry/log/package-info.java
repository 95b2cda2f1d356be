/**
 * The registry's transparency log: its note signing key, the engine and the read API.
 *
 * <p>{@link dev.toolseal.registry.log.LogEngine} runs the tlog-postgres engine over the registry's
 * datasource. The key is a C2SP signed-note Ed25519 key named after the checkpoint origin
 * ({@code toolseal.log.origin}, default {@code toolseal.local/log}). Wire formats, all C2SP:
 * {@code GET /log/key} (note verifier key, text/plain), {@code GET /log/checkpoint}
 * (tlog-checkpoint signed note), {@code GET /log/tile/<L>/<N>[.p/<W>]} and
 * {@code /log/tile/entries/<N>[.p/<W>]} (tlog-tiles); plus JSON proofs under
 * {@code /v1/log/proof/}. Examples: {@code LogReadApiTest}, {@code LogKeyFileTest}.
 */
package dev.toolseal.registry.log;
