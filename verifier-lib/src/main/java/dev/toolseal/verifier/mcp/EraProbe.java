package dev.toolseal.verifier.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.mcp.McpRecordingException.Reason;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Optional;

/**
 * Decides a server's era before any list is read (docs/design/eras.md, section 1): a {@code
 * server/discover} request carrying the full modern {@code _meta}. A {@code DiscoverResult}
 * makes the server modern; -32022 with a version we implement in {@code data.supported} is
 * retried once with it; any other error, or no answer within the probe timeout, makes it legacy.
 * A <em>result</em> that is not a {@code DiscoverResult} is refused, never taken for legacy.
 */
final class EraProbe {
    /** What the probe found. */
    sealed interface Outcome permits Modern, Legacy {
    }

    /** A modern server: its raw discover answer (a result) and the version it accepted. */
    record Modern(RawResponse response, String version) implements Outcome {
    }

    /** A legacy server, and why we think so (for messages). */
    record Legacy(String why) implements Outcome {
    }

    private final McpSchema.ClientCapabilities capabilities;
    private final List<String> versions;
    private final RecordingLimits limits;

    EraProbe(McpSchema.ClientCapabilities capabilities, List<String> versions, RecordingLimits limits) {
        this.capabilities = capabilities;
        this.versions = versions;
        this.limits = limits;
    }

    /** Probes over stdio, on the process the recording goes on with. */
    Outcome stdio(StdioRequests requests) throws McpRecordingException {
        String version = versions.get(0);
        boolean retried = false;
        while (true) {
            RawResponse response;
            try {
                response = requests.call(ModernWire.DISCOVER, ModernWire.params(version, capabilities, null),
                        retried ? limits.requestTimeout() : limits.effectiveProbeTimeout());
            } catch (McpRecordingException e) {
                if (e.reason() == Reason.TIMEOUT && !retried) {
                    return new Legacy("no answer to server/discover in " + limits.effectiveProbeTimeout());
                }
                throw e;
            }
            Optional<String> retry = judge(response, version, retried);
            if (retry.isEmpty()) {
                return outcome(response, version);
            }
            version = retry.get();
            retried = true;
        }
    }

    /** Probes over streamable HTTP: status and body together decide (section 1, HTTP rules). */
    Outcome http(ModernHttp http) throws McpRecordingException {
        String version = versions.get(0);
        boolean retried = false;
        while (true) {
            ModernHttp.Answer answer;
            try {
                answer = http.post(ModernWire.DISCOVER, ModernWire.params(version, capabilities, null),
                        version, retried ? limits.requestTimeout() : limits.effectiveProbeTimeout());
            } catch (McpRecordingException e) {
                if (e.reason() == Reason.TIMEOUT && !retried) {
                    return new Legacy("no answer to server/discover in " + limits.effectiveProbeTimeout());
                }
                throw e;
            }
            int status = answer.status();
            Optional<RawResponse> response = answer.response();
            if (status == 200) {
                if (response.isEmpty()) {
                    return legacyUnlessRetried(retried, "HTTP 200 without an answer to server/discover",
                            answer.evidence());
                }
            } else if ((status == 400 || status == 404) && response.isPresent()
                    && response.get().error().isPresent()) {
                int code = ModernWire.code(response.get().error().orElseThrow()).orElse(0);
                boolean modernError = code == ModernWire.HEADER_MISMATCH
                        || code == ModernWire.MISSING_CLIENT_CAPABILITY
                        || code == ModernWire.UNSUPPORTED_PROTOCOL_VERSION
                        || (status == 404 && code == ModernWire.METHOD_NOT_FOUND);
                if (!modernError) {
                    return legacyUnlessRetried(retried, "HTTP " + status + " with error " + code,
                            answer.evidence());
                }
                if (code == ModernWire.HEADER_MISMATCH) {
                    throw new McpRecordingException(Reason.SERVER_ERROR, "the server says the headers of our"
                            + " server/discover disagree with its body (-32020): a recorder bug",
                            StrictJson.prefix(response.get().text()));
                }
                if (code == ModernWire.MISSING_CLIENT_CAPABILITY) {
                    throw new McpRecordingException(Reason.SERVER_ERROR, "the modern server requires a client"
                            + " capability we did not declare (-32021)",
                            StrictJson.prefix(response.get().text()));
                }
                if (code == ModernWire.METHOD_NOT_FOUND) {
                    throw new McpRecordingException(Reason.SERVER_ERROR, "a modern server (HTTP 404, -32601)"
                            + " does not implement server/discover, which it must",
                            StrictJson.prefix(response.get().text()));
                }
            } else {
                return legacyUnlessRetried(retried, "HTTP " + status, answer.evidence());
            }
            Optional<String> retry = judge(response.get(), version, retried);
            if (retry.isEmpty()) {
                return outcome(response.get(), version);
            }
            version = retry.get();
            retried = true;
        }
    }

    private static Legacy legacyUnlessRetried(boolean retried, String why, String evidence)
            throws McpRecordingException {
        if (retried) {
            throw new McpRecordingException(Reason.PROTOCOL, "the server refused our version as a modern"
                    + " server, then answered the retry like a legacy one: " + why, evidence);
        }
        return new Legacy(why);
    }

    /**
     * Judges one answer to {@code server/discover}: empty when it settles the era (see {@link
     * #outcome}), or the version to retry with after -32022.
     */
    private Optional<String> judge(RawResponse response, String version, boolean retried)
            throws McpRecordingException {
        if (response.error().isEmpty()) {
            return Optional.empty();
        }
        JsonNode error = response.error().orElseThrow();
        int code = ModernWire.code(error).orElse(0);
        if (code == ModernWire.UNSUPPORTED_PROTOCOL_VERSION) {
            Optional<String> common = ModernWire.commonVersion(error, versions);
            if (retried || common.isEmpty()) {
                throw new McpRecordingException(Reason.SERVER_ERROR,
                        "no common protocol version: we implement " + versions + ", the server refused "
                        + version,
                        StrictJson.prefix(StrictJson.write(error)));
            }
            return common;
        }
        if (retried) {
            throw new McpRecordingException(Reason.SERVER_ERROR,
                    "server/discover failed after the version retry",
                    StrictJson.prefix(StrictJson.write(error)));
        }
        return Optional.empty();
    }

    /** The era an answer that needs no retry settles. */
    private static Outcome outcome(RawResponse response, String version) throws McpRecordingException {
        if (response.error().isPresent()) {
            return new Legacy("server/discover answered error "
                    + StrictJson.prefix(StrictJson.write(response.error().orElseThrow())));
        }
        JsonNode result = response.result().orElseThrow();
        if (!ModernWire.isDiscoverResult(result)) {
            throw new McpRecordingException(Reason.PROTOCOL, "server/discover was answered with a result that"
                    + " is not a DiscoverResult (supportedVersions array, capabilities object)",
                    StrictJson.prefix(response.text()));
        }
        return new Modern(response, version);
    }
}
