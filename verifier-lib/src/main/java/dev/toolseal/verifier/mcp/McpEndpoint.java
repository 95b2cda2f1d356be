package dev.toolseal.verifier.mcp;

import io.modelcontextprotocol.client.transport.ServerParameters;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Where an MCP server is: a command to start over stdio, or a streamable HTTP URL. */
public sealed interface McpEndpoint {

    /** Opens a recording transport to this endpoint (a stdio server is started on connect). */
    RecordingTransport open(RecordingLimits limits);

    /**
     * A server started as a child process, speaking newline-delimited JSON-RPC on stdio.
     *
     * @param env extra environment variables for the child
     */
    record Stdio(String command, List<String> args, Map<String, String> env) implements McpEndpoint {
        public Stdio {
            Objects.requireNonNull(command, "command");
            args = List.copyOf(args);
            env = Map.copyOf(env);
        }

        public Stdio(String command, List<String> args) {
            this(command, args, Map.of());
        }

        @Override
        public RecordingTransport open(RecordingLimits limits) {
            return RecordingTransport.stdio(
                    ServerParameters.builder(command).args(args).env(env).build(), limits);
        }
    }

    /**
     * A server reached over the MCP streamable HTTP transport.
     *
     * @param baseUri  scheme, host and port
     * @param endpoint the MCP path, e.g. {@code /mcp}
     */
    record StreamableHttp(URI baseUri, String endpoint) implements McpEndpoint {
        public StreamableHttp {
            Objects.requireNonNull(baseUri, "baseUri");
            Objects.requireNonNull(endpoint, "endpoint");
            if (!"http".equals(baseUri.getScheme()) && !"https".equals(baseUri.getScheme())) {
                throw new IllegalArgumentException("not an http(s) URI: " + baseUri);
            }
        }

        @Override
        public RecordingTransport open(RecordingLimits limits) {
            return RecordingTransport.streamableHttp(baseUri, endpoint, limits);
        }
    }
}
