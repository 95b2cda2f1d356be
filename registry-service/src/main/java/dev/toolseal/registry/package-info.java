/**
 * The ToolSeal registry service (Quarkus): configuration root {@link dev.toolseal.registry.RegistryConfig}.
 *
 * <p>Sub-packages by concept: {@code database} (the embedded PostgreSQL default), {@code log}
 * (the transparency log's key and read API), {@code store} (the registry's tables),
 * {@code write} (the signed write API), {@code browse} (the read API and bundles), {@code mcp}
 * (the official MCP registry's {@code /v0} shape), {@code badge} (SVG badges), {@code problem}
 * (RFC 9457 error responses) and {@code health}. Resources are thin; services own transactions; schema only through Flyway.
 * Example: {@code HealthAndDocsTest}.
 */
package dev.toolseal.registry;
