/**
 * The browse API (v1): servers with search and cursor pagination, versions, release details with
 * reviews and inclusion proofs, offline bundles (Sigstore bundle v0.3 JSON), refused overwrites,
 * manifest diffs, namespaces' key events and log entries by index. Example: {@code BrowseApiTest}.
 */
package dev.toolseal.registry.browse;
