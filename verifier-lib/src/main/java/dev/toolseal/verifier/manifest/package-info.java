/**
 * ToolManifest v1: what an MCP server told a client, recorded as raw JSON, with RFC 8785 (JCS)
 * canonical SHA-256 digests and a diff a person can act on.
 *
 * <p>{@link dev.toolseal.verifier.manifest.ManifestAssembler} builds a {@link
 * dev.toolseal.verifier.manifest.ToolManifest} from the raw {@code initialize} result and every
 * page of {@code tools/list}, {@code prompts/list}, {@code resources/list} and {@code
 * resources/templates/list}; {@link dev.toolseal.verifier.manifest.ManifestFormat} writes and
 * reads the stored document ({@code {"manifestVersion":"toolseal.dev/manifest/v1","server":{...},
 * "clientCapabilities":{...},"initialize":{...},"tools":[...],"prompts":[...],"resources":[...],
 * "resourceTemplates":[...]}}, arrays sorted by name, uri or uriTemplate). The manifest digest is
 * SHA-256 of the canonical document; each part has its own digest keyed {@code tool:<name>},
 * {@code prompt:<name>}, {@code resource:<uri>}, {@code resourceTemplate:<uriTemplate>}, {@code
 * server:protocolVersion|info|capabilities|instructions|extra}, {@code client:capabilities} and
 * {@code release:server}. {@link dev.toolseal.verifier.manifest.ManifestDiff} names every added,
 * removed, renamed and changed part. Every input failure is a {@link
 * dev.toolseal.verifier.manifest.ManifestException}.
 *
 * <p>The format and the JCS findings are in docs/design/manifest.md; {@code ManifestDiffTest}
 * shows a typical rug pull end to end.
 */
package dev.toolseal.verifier.manifest;
