package dev.toolseal.verifier.gate;

import dev.toolseal.verifier.gate.GateRefusedException.Refusal;
import dev.toolseal.verifier.gate.GateReason.Kind;
import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.manifest.EntryKind;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.mcp.McpEndpoint;
import dev.toolseal.verifier.mcp.RecordingLimits;
import dev.toolseal.verifier.mcp.RecordingTransport;
import dev.toolseal.verifier.relay.AuditLog;
import dev.toolseal.verifier.relay.EmbeddedGuard;
import dev.toolseal.verifier.relay.GuardSettings;
import dev.toolseal.verifier.relay.Responses;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An MCP client (the official Java SDK's) that lets through only what a {@link ManifestVerifier}
 * accepted. It is a front end of the one gate engine ({@code dev.toolseal.verifier.relay}, the
 * engine {@code toolseal guard} runs): the SDK client talks to the engine over an in-memory
 * transport, and the engine talks to the real server through the guard's own upstreams (a child
 * process for {@link McpEndpoint.Stdio}, streamable HTTP for {@link McpEndpoint.StreamableHttp}).
 *
 * <p>On {@link #connect} and every {@link #restart()} the SDK client initializes through the
 * engine, which then records every list raw, assembles the live manifest, asks the verifier and
 * applies its rules; it does the same whenever the server announces a list change, holding every
 * message meanwhile. {@link #listTools()} returns the accepted entries of the very snapshot that
 * was verified; every request is judged by the engine against the verdict in force when the
 * engine handles it, and a refusal (JSON-RPC error -32001) comes back as a {@link
 * GateRefusedException}. A server that exits, cannot start or cannot be initialized is rejected.
 *
 * <p>Thread-safe. Calls run on the caller's thread; the engine has its own threads.
 */
public final class GatedMcpClient implements AutoCloseable {
    private static final McpSchema.Implementation CLIENT_INFO =
            McpSchema.Implementation.builder("toolseal-gate", "0.1.0").build();
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);
    private static final long POLL_MILLIS = 5;
    /** Generations of one engine run stay below this; each restart starts a new range. */
    private static final long EPOCH = 1L << 32;

    private final McpEndpoint endpoint;
    private final ServerRef server;
    private final ManifestVerifier verifier;
    private final McpSchema.ClientCapabilities capabilities;
    private final RecordingLimits limits;
    private final Duration settleTimeout;
    private final Duration maxEvidenceAge;

    private final Object lock = new Object();
    private Run run; // guarded by lock
    private long epoch; // guarded by lock
    private boolean closed; // guarded by lock

    /** One engine run and the SDK client attached to it. */
    private record Run(long epoch, EmbeddedGuard engine, McpSyncClient client, Optional<Verdict> failed) {
        void close() {
            try {
                client.close();
            } catch (RuntimeException e) {
                // the engine is stopped next anyway
            }
            engine.close();
        }
    }

    private GatedMcpClient(McpEndpoint endpoint, ServerRef server, ManifestVerifier verifier,
            McpSchema.ClientCapabilities capabilities, RecordingLimits limits, Duration maxEvidenceAge) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.server = Objects.requireNonNull(server, "server");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.settleTimeout = limits.requestTimeout().multipliedBy(2);
        this.maxEvidenceAge = Objects.requireNonNull(maxEvidenceAge, "maxEvidenceAge");
        if (maxEvidenceAge.isNegative()) {
            throw new IllegalArgumentException("maxEvidenceAge is negative");
        }
    }

    /**
     * Starts or connects to the server as release {@code server} and verifies it before
     * returning. A server that cannot be started, recorded or verified gives a gate whose
     * {@link #verdict()} rejects it: nothing is ever let through unverified.
     */
    public static GatedMcpClient connect(McpEndpoint endpoint, ServerRef server, ManifestVerifier verifier,
            McpSchema.ClientCapabilities capabilities, RecordingLimits limits) {
        return connect(endpoint, server, verifier, capabilities, limits, GuardSettings.DEFAULT_MAX_EVIDENCE_AGE);
    }

    /**
     * As {@link #connect(McpEndpoint, ServerRef, ManifestVerifier, McpSchema.ClientCapabilities,
     * RecordingLimits)}; {@link #listTools()} under a verdict older than {@code maxEvidenceAge}
     * verifies again first (so a yank or revocation published meanwhile takes effect).
     */
    public static GatedMcpClient connect(McpEndpoint endpoint, ServerRef server, ManifestVerifier verifier,
            McpSchema.ClientCapabilities capabilities, RecordingLimits limits, Duration maxEvidenceAge) {
        GatedMcpClient gate = new GatedMcpClient(endpoint, server, verifier, capabilities, limits, maxEvidenceAge);
        gate.restart();
        return gate;
    }

    /**
     * Stops the session (a stdio server is stopped), starts a new one and verifies it again
     * (sleeper servers change on a later start). Returns when the new verification is in force
     * or the wait bound is reached.
     */
    public void restart() {
        Run old;
        long start;
        synchronized (lock) {
            if (closed) {
                return;
            }
            old = run;
            run = null;
            start = ++epoch * EPOCH;
        }
        if (old != null) {
            old.close();
        }
        Run opened = open(start);
        synchronized (lock) {
            if (closed || epoch * EPOCH != start) {
                opened.close();
                return;
            }
            run = opened;
        }
        try {
            verdict();
        } catch (GateRefusedException e) {
            // still pending or closed: requests keep waiting or being refused until it settles
        }
    }

    /** Starts the engine and initializes the SDK client through it. */
    private Run open(long start) {
        EngineTransport transport = new EngineTransport(protocolVersions());
        EmbeddedGuard engine = EmbeddedGuard.start(settings(), transport::fromEngine);
        transport.attach(engine::send);
        McpSyncClient client = McpClient.sync(transport)
                .requestTimeout(limits.requestTimeout().multipliedBy(4))
                .initializationTimeout(limits.requestTimeout().multipliedBy(3))
                .capabilities(capabilities)
                .clientInfo(CLIENT_INFO)
                .build();
        try {
            client.initialize();
            return new Run(start, engine, client, Optional.empty());
        } catch (RuntimeException e) {
            // the engine answers initialize only after its verification: a rejected server's
            // initialize is refused, and the engine's verdict (with its reasons) is the one in force
            Optional<Verdict> judged = engine.verdictInForce(start);
            if (judged.isPresent() && judged.get().serverRejected()) {
                return new Run(start, engine, client, judged);
            }
            return new Run(start, engine, client, Optional.of(Verdict.rejected(start, List.of(GateReason.server(
                    Kind.RECORDING_FAILED, "the server could not be initialized: "
                            + (engine.ended() ? engine.endReason() : String.valueOf(e.getMessage())))))));
        }
    }

    /** The engine's settings for this gate: no audit log, no diagnostics. */
    private GuardSettings settings() {
        AuditLog audit;
        try {
            audit = AuditLog.open(null, Clock.systemUTC(), server.name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int maxBytes = Math.max(1024, limits.maxMessageChars());
        GuardSettings.RecordingBounds recording =
                new GuardSettings.RecordingBounds(limits.maxPages(), limits.maxTotalChars());
        if (endpoint instanceof McpEndpoint.Stdio stdio) {
            List<String> command = new ArrayList<>();
            command.add(stdio.command());
            command.addAll(stdio.args());
            return new GuardSettings(server, command, Optional.empty(), stdio.env(), verifier, Optional::empty,
                    audit, line -> { }, limits.requestTimeout(), maxBytes, recording, SHUTDOWN_GRACE,
                    verifier.referenceProtocolVersion(server), false, maxEvidenceAge, Clock.systemUTC());
        }
        McpEndpoint.StreamableHttp http = (McpEndpoint.StreamableHttp) endpoint;
        URI url = http.baseUri().resolve(http.endpoint());
        return new GuardSettings(server, List.of(), Optional.of(url), Map.of(), verifier, Optional::empty,
                audit, line -> { }, limits.requestTimeout(), maxBytes, recording, SHUTDOWN_GRACE,
                verifier.referenceProtocolVersion(server), false, maxEvidenceAge, Clock.systemUTC());
    }

    /** The versions the SDK's own transport for this endpoint offers, so a pin matches. */
    private List<String> protocolVersions() {
        try {
            RecordingTransport sdk = endpoint.open(limits); // nothing starts before connect
            List<String> versions = sdk.protocolVersions();
            try {
                sdk.close();
            } catch (RuntimeException e) {
                // it never connected
            }
            return versions;
        } catch (RuntimeException e) {
            return List.of(ProtocolVersions.MCP_2025_11_25);
        }
    }

    /** The verdict in force, waiting while a verification is pending. */
    public Verdict verdict() throws GateRefusedException {
        long deadline = System.nanoTime() + settleTimeout.toNanos();
        while (true) {
            Optional<Verdict> now = inForce();
            if (now.isPresent()) {
                return now.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new GateRefusedException(Refusal.VERIFICATION_PENDING, Optional.empty(), List.of());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GateRefusedException(Refusal.VERIFICATION_PENDING, Optional.empty(), List.of());
            }
        }
    }

    /** The verdict in force now, or empty while a verification is pending; never waits. */
    public Optional<Verdict> currentVerdict() {
        try {
            return inForce();
        } catch (GateRefusedException e) {
            return Optional.empty();
        }
    }

    /** The verdict in force, empty while pending; {@code CLOSED} once closed. */
    private Optional<Verdict> inForce() throws GateRefusedException {
        Run current;
        synchronized (lock) {
            if (closed) {
                throw new GateRefusedException(Refusal.CLOSED, Optional.empty(), List.of());
            }
            current = run;
        }
        if (current == null) {
            return Optional.empty();
        }
        if (current.failed().isPresent()) {
            return current.failed();
        }
        Optional<Verdict> engine = current.engine().verdictInForce(current.epoch());
        if (current.engine().ended()) { // the upstream is gone: nothing can be let through
            return Optional.of(Verdict.rejected(current.epoch() + EPOCH - 1, List.of(GateReason.server(
                    engine.isPresent() ? Kind.VERIFICATION_FAILED : Kind.RECORDING_FAILED,
                    current.engine().endReason()))));
        }
        return engine;
    }

    /**
     * The accepted tools, exactly the entries of the verified snapshot, in the server's order.
     *
     * @throws GateRefusedException if the server is rejected, or verification is still pending
     */
    public List<McpSchema.Tool> listTools() throws GateRefusedException {
        if (!verdict().serverRejected()) {
            // a tools/list through the engine: it answers from the verified snapshot, and first
            // verifies again when the verdict is older than the evidence age bound
            send(new EntryKey(EntryKind.TOOL, ""), Optional.empty(), McpSyncClient::listTools);
        }
        Verdict current = verdict();
        if (current.serverRejected()) {
            throw new GateRefusedException(Refusal.SERVER_REJECTED, Optional.empty(), current.reasons());
        }
        return current.tools();
    }

    /**
     * Calls a tool; the engine relays it only if the verdict in force accepts it.
     *
     * @throws GateRefusedException if the server is rejected or the tool is not accepted
     */
    public McpSchema.CallToolResult callTool(String name, Map<String, Object> arguments)
            throws GateRefusedException {
        Objects.requireNonNull(name, "name");
        return send(new EntryKey(EntryKind.TOOL, name), Optional.of(name), client -> client.callTool(
                McpSchema.CallToolRequest.builder(name).arguments(arguments == null ? Map.of() : arguments).build()));
    }

    /** Gets a prompt; the engine relays it only if the verdict in force accepts it. */
    public McpSchema.GetPromptResult getPrompt(String name, Map<String, Object> arguments)
            throws GateRefusedException {
        Objects.requireNonNull(name, "name");
        return send(new EntryKey(EntryKind.PROMPT, name), Optional.empty(), client -> client.getPrompt(
                McpSchema.GetPromptRequest.builder(name).arguments(arguments == null ? Map.of() : arguments).build()));
    }

    /** Reads a resource; the engine relays it only if the verdict in force accepts it. */
    public McpSchema.ReadResourceResult readResource(String uri) throws GateRefusedException {
        Objects.requireNonNull(uri, "uri");
        return send(new EntryKey(EntryKind.RESOURCE, uri), Optional.empty(),
                client -> client.readResource(McpSchema.ReadResourceRequest.builder(uri).build()));
    }

    /** Closes the session (a stdio server is stopped); every later request is refused. */
    @Override
    public void close() {
        Run open;
        synchronized (lock) {
            closed = true;
            open = run;
            run = null;
        }
        if (open != null) {
            open.close();
        }
    }

    /**
     * Waits for a verdict (the engine would hold the request meanwhile anyway; waiting here bounds
     * the wait), then sends the request through the engine, which judges it. A rejected server is
     * refused here only when no engine runs any more (it exited, or never started).
     */
    private <T> T send(EntryKey key, Optional<String> tool, Function<McpSyncClient, T> request)
            throws GateRefusedException {
        Verdict before = verdict();
        Run current;
        synchronized (lock) {
            if (closed) {
                throw new GateRefusedException(Refusal.CLOSED, tool, List.of());
            }
            current = run;
        }
        if (current == null || current.failed().isPresent() || current.engine().ended()) {
            throw new GateRefusedException(Refusal.SERVER_REJECTED, tool, before.reasons());
        }
        try {
            return request.apply(current.client());
        } catch (RuntimeException e) {
            throw refusalIn(e, key, tool).orElseThrow(() -> e);
        }
    }

    /** The sdk client of the run in force; tests use it to send past the gate's own wait. */
    McpSyncClient sdkClient() {
        synchronized (lock) {
            return run == null ? null : run.client();
        }
    }

    /**
     * The engine's refusal in what the SDK client threw, as a {@link GateRefusedException} with
     * the reasons of the engine's verdict now in force (about {@code key} when it is not the whole
     * server that is rejected).
     */
    Optional<GateRefusedException> refusalIn(Throwable thrown, EntryKey key, Optional<String> tool) {
        Optional<String> refusal = engineRefusal(thrown);
        if (refusal.isEmpty()) {
            return Optional.empty();
        }
        Refusal kind = switch (refusal.get()) {
            case "NOT_VERIFIED" -> Refusal.NOT_VERIFIED;
            case "" -> Refusal.VERIFICATION_PENDING;
            default -> Refusal.SERVER_REJECTED;
        };
        List<GateReason> reasons = currentVerdict().map(v -> kind == Refusal.NOT_VERIFIED
                ? v.reasons().stream().filter(r -> r.concerns(key)).toList() : v.reasons()).orElse(List.of());
        return Optional.of(new GateRefusedException(kind, tool, reasons));
    }

    /**
     * The {@code data.toolseal.refusal} of an engine refusal (error -32001) somewhere in the cause
     * chain; empty text for a -32001 without it; empty if there is none.
     */
    static Optional<String> engineRefusal(Throwable thrown) {
        int depth = 0;
        for (Throwable t = thrown; t != null && depth++ < 64; t = t.getCause()) {
            if (t instanceof McpError error && error.getJsonRpcError() != null
                    && Integer.valueOf(Responses.REFUSED).equals(error.getJsonRpcError().code())) {
                Object data = error.getJsonRpcError().data();
                if (data instanceof Map<?, ?> map && map.get("toolseal") instanceof Map<?, ?> seal
                        && seal.get("refusal") instanceof String name) {
                    return Optional.of(name);
                }
                return Optional.of("");
            }
        }
        return Optional.empty();
    }
}
