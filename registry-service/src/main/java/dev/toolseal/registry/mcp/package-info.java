/**
 * A read-only {@code /v0/servers} API in the official MCP registry's response shape: items are
 * {@code {"server": <server.json>, "_meta": {"io.modelcontextprotocol.registry/official": {...},
 * "dev.toolseal/signing": {signed, keyId, manifestDigest, logIndex, yanked, conflicts, bundle,
 * reviews}}}}. Example: {@code OfficialRegistryApiTest}.
 */
package dev.toolseal.registry.mcp;
