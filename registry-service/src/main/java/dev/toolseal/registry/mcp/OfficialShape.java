package dev.toolseal.registry.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.registry.browse.BrowseService;
import dev.toolseal.registry.browse.Views;

/**
 * Renders releases in the official MCP registry's v0 response shape: each item is
 * {@code {"server": <server.json>, "_meta": {...}}}, lists are {@code {"servers": [...],
 * "metadata": {"nextCursor", "count"}}}. The server.json carries {@code $schema}, {@code name},
 * {@code title}, {@code description} and {@code version} (ToolSeal knows no packages or
 * remotes); {@code _meta} carries the official registry's status block and ToolSeal's signing
 * status under {@value #SIGNING}.
 */
final class OfficialShape {

    /** server.json schema the items claim. */
    static final String SCHEMA = "https://static.modelcontextprotocol.io/schemas/2025-09-29/server.schema.json";
    /** The official registry's metadata key. */
    static final String OFFICIAL = "io.modelcontextprotocol.registry/official";
    /** ToolSeal's metadata key. */
    static final String SIGNING = "dev.toolseal/signing";

    private static final ObjectMapper JSON = new ObjectMapper();

    private OfficialShape() {
    }

    static ObjectNode item(BrowseService.ReleaseRecord record, boolean latest) {
        var r = record.release();
        ObjectNode item = JSON.createObjectNode();
        ObjectNode server = item.putObject("server");
        server.put("$schema", SCHEMA);
        server.put("name", r.serverName());
        server.put("title", r.description());
        server.put("description", "MCP server " + r.serverName() + " with " + r.toolNames().size()
                + " signed tool definitions" + (r.toolNames().isEmpty() ? "" : ": " + String.join(", ", r.toolNames())));
        server.put("version", r.version());
        ObjectNode meta = item.putObject("_meta");
        ObjectNode official = meta.putObject(OFFICIAL);
        official.put("status", record.yank().isPresent() ? "deprecated" : "active");
        official.put("publishedAt", r.publishedAt().toString());
        official.put("updatedAt", r.publishedAt().toString());
        official.put("isLatest", latest);
        ObjectNode signing = meta.putObject(SIGNING);
        signing.put("signed", true);
        signing.put("keyId", record.entry().keyId().hex());
        signing.put("manifestDigest", r.manifestDigest().hex());
        signing.put("logIndex", record.entry().logIndex().orElse(-1L));
        signing.put("yanked", record.yank().isPresent());
        signing.put("conflicts", record.conflicts());
        signing.put("bundle", "/v1/servers/" + r.serverName() + "/versions/" + r.version() + "/bundle");
        ArrayNode reviews = signing.putArray("reviews");
        for (Views.ReviewView review : record.reviews()) {
            reviews.addObject().put("assessor", review.assessor()).put("keyId", review.keyId())
                    .put("result", review.result()).put("logIndex", review.logIndex());
        }
        return item;
    }
}
