package dev.toolseal.verifier.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.mcp.McpRecordingException.Reason;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The 2026-07-28 ("modern") wire rules the recorder needs: the request {@code _meta} that
 * replaces {@code initialize}, the shape of a {@code DiscoverResult}, and the error codes that
 * only a modern server sends (docs/design/eras.md, section 1). The gate engine ({@code relay})
 * uses the same names and the same shape check.
 */
public final class ModernWire {
    /** The modern revisions this recorder implements, newest first. */
    static final List<String> VERSIONS = List.of("2026-07-28");

    static final String DISCOVER = "server/discover";
    static final String META = "_meta";
    public static final String PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
    public static final String CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
    public static final String CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";

    static final int METHOD_NOT_FOUND = -32601;
    public static final int HEADER_MISMATCH = -32020;
    static final int MISSING_CLIENT_CAPABILITY = -32021;
    public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    /** The client identity of every recording, the same object {@code initialize} sends. */
    static final McpSchema.Implementation CLIENT =
            McpSchema.Implementation.builder("toolseal-recorder", "0.1.0").build();

    private ModernWire() {
    }

    /**
     * The {@code params} of a modern request: {@code _meta} naming {@code version}, our client
     * info and {@code capabilities} (the SDK's own records, so the SDK's mapper writes them
     * exactly as it writes them into {@code initialize}), and the {@code cursor} when paging.
     */
    static Map<String, Object> params(String version, McpSchema.ClientCapabilities capabilities,
            String cursor) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(PROTOCOL_VERSION, version);
        meta.put(CLIENT_INFO, CLIENT);
        meta.put(CLIENT_CAPABILITIES, capabilities);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put(META, meta);
        if (cursor != null) {
            params.put("cursor", cursor);
        }
        return params;
    }

    /** The client capabilities a recorded modern request carried in its {@code _meta}. */
    static JsonNode sentCapabilities(RawResponse response) throws McpRecordingException {
        JsonNode capabilities = response.params().path(META).path(CLIENT_CAPABILITIES);
        if (!capabilities.isObject()) {
            throw new McpRecordingException(Reason.PROTOCOL, "the recorded request has no client"
                    + " capabilities in its _meta", StrictJson.prefix(StrictJson.write(response.params())));
        }
        return capabilities;
    }

    /**
     * Whether {@code result} is a {@code DiscoverResult}: an object with a {@code
     * supportedVersions} array of strings and a {@code capabilities} object. ({@code resultType}
     * and the other members are the manifest assembler's to judge.)
     */
    public static boolean isDiscoverResult(JsonNode result) {
        if (!result.isObject() || !result.path("capabilities").isObject()) {
            return false;
        }
        JsonNode versions = result.path("supportedVersions");
        if (!versions.isArray()) {
            return false;
        }
        for (JsonNode version : versions) {
            if (!version.isTextual()) {
                return false;
            }
        }
        return true;
    }

    /** The integer {@code code} of a JSON-RPC error object, if it has one. */
    static Optional<Integer> code(JsonNode error) {
        JsonNode code = error.path("code");
        return code.isIntegralNumber() && code.canConvertToInt() ? Optional.of(code.intValue())
                : Optional.empty();
    }

    /** The first of {@code ours} that the -32022 error's {@code data.supported} names, if any. */
    static Optional<String> commonVersion(JsonNode error, List<String> ours) {
        JsonNode supported = error.path("data").path("supported");
        for (String version : ours) {
            for (JsonNode theirs : supported) {
                if (theirs.isTextual() && theirs.textValue().equals(version)) {
                    return Optional.of(version);
                }
            }
        }
        return Optional.empty();
    }
}
