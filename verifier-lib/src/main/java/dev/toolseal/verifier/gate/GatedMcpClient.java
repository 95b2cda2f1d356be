package dev.toolseal.verifier.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.gate.GateRefusedException.Refusal;
import dev.toolseal.verifier.gate.GateReason.Kind;
import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.manifest.EntryKind;
import dev.toolseal.verifier.manifest.ManifestException;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.mcp.McpEndpoint;
import dev.toolseal.verifier.mcp.McpRecordingException;
import dev.toolseal.verifier.mcp.RawSession;
import dev.toolseal.verifier.mcp.RawSnapshot;
import dev.toolseal.verifier.mcp.RecordingLimits;
import dev.toolseal.verifier.mcp.SendGuard;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An MCP client (the official Java SDK's, over a {@link dev.toolseal.verifier.mcp.RecordingTransport})
 * that lets through only what a {@link ManifestVerifier} accepted.
 *
 * <p>On {@link #connect} and every {@link #restart()}, and whenever the server announces a list
 * change or the session is initialized again, the gate records every list raw, assembles the
 * live {@link ToolManifest}, asks the verifier and applies the decision ({@link Verdict}). Until
 * that finishes every request waits (at most twice the request timeout, then it is refused).
 * {@link #listTools()} returns the accepted entries of the very snapshot that was verified;
 * {@link #callTool} to anything not accepted is refused here and never sent. Each request is
 * checked when admitted and again when the transport sends it ({@link SendGuard}), against the
 * verdict in force at that moment, so nothing goes out after a list change was read until the new
 * verdict allows it. Every failure on the way (recording, assembling, the verifier, a broken
 * session) rejects the whole server.
 *
 * <p>Thread-safe. Verification runs on one worker thread per gate; calls run on the caller's.
 */
public final class GatedMcpClient implements AutoCloseable {
    private static final int SEND_ATTEMPTS = 3;

    private final McpEndpoint endpoint;
    private final ServerRef server;
    private final ManifestVerifier verifier;
    private final McpSchema.ClientCapabilities capabilities;
    private final RecordingLimits limits;
    private final Duration settleTimeout;
    private final ExecutorService worker;

    private final Object lock = new Object();
    private RawSession session; // guarded by lock
    private long generation; // guarded by lock; counts every invalidation
    private Verdict verdict; // guarded by lock; null while a verification is pending
    private boolean closed; // guarded by lock

    private GatedMcpClient(McpEndpoint endpoint, ServerRef server, ManifestVerifier verifier,
            McpSchema.ClientCapabilities capabilities, RecordingLimits limits) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.server = Objects.requireNonNull(server, "server");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.settleTimeout = limits.requestTimeout().multipliedBy(2);
        this.worker = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "toolseal-gate " + server.name());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts or connects to the server as release {@code server} and verifies it before
     * returning. A server that cannot be started, recorded or verified gives a gate whose
     * {@link #verdict()} rejects it: nothing is ever let through unverified.
     */
    public static GatedMcpClient connect(McpEndpoint endpoint, ServerRef server, ManifestVerifier verifier,
            McpSchema.ClientCapabilities capabilities, RecordingLimits limits) {
        GatedMcpClient gate = new GatedMcpClient(endpoint, server, verifier, capabilities, limits);
        gate.restart();
        return gate;
    }

    /**
     * Stops the session (a stdio server is stopped), starts a new one and verifies it again
     * (sleeper servers change on a later start). Requests wait meanwhile. Returns when the new
     * verification is in force or the wait bound is reached.
     */
    public void restart() {
        RawSession old;
        long start;
        synchronized (lock) {
            if (closed) {
                return;
            }
            old = session;
            session = null;
            verdict = null;
            start = ++generation;
        }
        if (old != null) {
            old.close();
        }
        submit(() -> start(start));
        try {
            verdict();
        } catch (GateRefusedException e) {
            // still pending or closed: requests keep being refused until it settles
        }
    }

    /** The verdict in force, waiting while a verification is pending. */
    public Verdict verdict() throws GateRefusedException {
        synchronized (lock) {
            return settled();
        }
    }

    /** The verdict in force now, or empty while a verification is pending; never waits. */
    public Optional<Verdict> currentVerdict() {
        synchronized (lock) {
            return Optional.ofNullable(verdict);
        }
    }

    /**
     * The accepted tools, exactly the entries of the verified snapshot, in the server's order.
     *
     * @throws GateRefusedException if the server is rejected, or verification is still pending
     */
    public List<McpSchema.Tool> listTools() throws GateRefusedException {
        synchronized (lock) {
            Verdict current = settled();
            if (current.serverRejected()) {
                throw new GateRefusedException(Refusal.SERVER_REJECTED, Optional.empty(), current.reasons());
            }
            return current.tools();
        }
    }

    /**
     * Calls an accepted tool. Anything else is refused here, before a request is sent.
     *
     * @throws GateRefusedException if the server is rejected or the tool is not accepted
     */
    public McpSchema.CallToolResult callTool(String name, Map<String, Object> arguments)
            throws GateRefusedException {
        Objects.requireNonNull(name, "name");
        return send(new EntryKey(EntryKind.TOOL, name), Optional.of(name), client -> client.callTool(
                McpSchema.CallToolRequest.builder(name).arguments(arguments == null ? Map.of() : arguments).build()));
    }

    /** Gets an accepted prompt; anything else is refused before a request is sent. */
    public McpSchema.GetPromptResult getPrompt(String name, Map<String, Object> arguments)
            throws GateRefusedException {
        Objects.requireNonNull(name, "name");
        return send(new EntryKey(EntryKind.PROMPT, name), Optional.empty(), client -> client.getPrompt(
                McpSchema.GetPromptRequest.builder(name).arguments(arguments == null ? Map.of() : arguments).build()));
    }

    /**
     * Reads an accepted resource listed by {@code resources/list}; URIs that only a template
     * would produce are refused (the gate cannot tell which template a server applies).
     */
    public McpSchema.ReadResourceResult readResource(String uri) throws GateRefusedException {
        Objects.requireNonNull(uri, "uri");
        return send(new EntryKey(EntryKind.RESOURCE, uri), Optional.empty(),
                client -> client.readResource(McpSchema.ReadResourceRequest.builder(uri).build()));
    }

    /** Closes the session (a stdio server is stopped); every later request is refused. */
    @Override
    public void close() {
        RawSession open;
        synchronized (lock) {
            closed = true;
            open = session;
            session = null;
            verdict = null;
            lock.notifyAll();
        }
        worker.shutdownNow();
        if (open != null) {
            open.close();
        }
        try {
            worker.awaitTermination(limits.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Admits the request, then sends it; the session's {@link SendGuard} checks it again against
     * the verdict in force as it goes out. A request stopped there because a verification started
     * in between was not sent, so it is admitted again (waiting for the new verdict), a bounded
     * number of times.
     */
    private <T> T send(EntryKey key, Optional<String> tool, Function<McpSyncClient, T> request)
            throws GateRefusedException {
        for (int attempt = 1; ; attempt++) {
            RawSession open = admit(key, tool);
            try {
                return request.apply(open.client());
            } catch (RuntimeException e) {
                GateRefusedException refused = SendCheck.refusalIn(e).orElseThrow(() -> e);
                if (refused.refusal() != Refusal.VERIFICATION_PENDING || attempt == SEND_ATTEMPTS) {
                    throw refused;
                }
            }
        }
    }

    /** The session in force; tests use it to send past the admission check. */
    RawSession session() {
        synchronized (lock) {
            return session;
        }
    }

    /** Checks {@code key} against the verdict in force and returns the session to send on. */
    private RawSession admit(EntryKey key, Optional<String> tool) throws GateRefusedException {
        synchronized (lock) {
            Verdict current = settled();
            if (current.serverRejected()) {
                throw new GateRefusedException(Refusal.SERVER_REJECTED, tool, current.reasons());
            }
            if (!current.allows(key)) {
                List<GateReason> about = current.reasons().stream().filter(r -> r.concerns(key)).toList();
                throw new GateRefusedException(Refusal.NOT_VERIFIED, tool, about);
            }
            return session;
        }
    }

    /** The verdict in force; waits while pending. Caller holds {@link #lock}. */
    private Verdict settled() throws GateRefusedException {
        long deadline = System.nanoTime() + settleTimeout.toNanos();
        while (true) {
            if (closed) {
                throw new GateRefusedException(Refusal.CLOSED, Optional.empty(), List.of());
            }
            if (verdict != null) {
                if (!verdict.serverRejected() && session != null && session.transport().failure().isPresent()) {
                    verdict = Verdict.rejected(generation, List.of(GateReason.server(Kind.VERIFICATION_FAILED,
                            "the session broke: " + session.transport().failure().orElseThrow().getMessage())));
                }
                return verdict;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new GateRefusedException(Refusal.VERIFICATION_PENDING, Optional.empty(), List.of());
            }
            try {
                lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GateRefusedException(Refusal.VERIFICATION_PENDING, Optional.empty(), List.of());
            }
        }
    }

    /** Worker: opens the session of verification {@code start} and verifies it. */
    private void start(long start) {
        synchronized (lock) {
            if (closed || generation != start) {
                return;
            }
        }
        RawSession opened;
        try {
            opened = RawSession.open(endpoint, capabilities, limits);
        } catch (McpRecordingException e) {
            install(start, Verdict.rejected(start, List.of(LiveManifests.recordingFailed(e))));
            return;
        }
        synchronized (lock) {
            if (closed || generation != start) {
                opened.close();
                return;
            }
            session = opened;
        }
        opened.transport().setSendGuard((method, params, send) -> checkSend(opened, method, params, send));
        opened.addListener(new SessionWatch(() -> invalidate(opened)));
        verifyPending();
    }

    /** Worker: verifies the session in force if its verdict is pending. */
    private void verifyPending() {
        long pending;
        RawSession open;
        synchronized (lock) {
            if (closed || verdict != null || session == null) {
                return;
            }
            pending = generation;
            open = session;
        }
        install(pending, verify(open, pending));
    }

    /** Records, assembles and verifies; every failure becomes a rejection. */
    private Verdict verify(RawSession open, long pending) {
        RawSnapshot snapshot;
        ToolManifest live;
        try {
            snapshot = LiveManifests.snapshot(open);
            live = LiveManifests.of(server, snapshot);
        } catch (McpRecordingException e) {
            return Verdict.rejected(pending, List.of(LiveManifests.recordingFailed(e)));
        } catch (ManifestException e) {
            return Verdict.rejected(pending, List.of(GateReason.server(Kind.RECORDING_FAILED,
                    "the live definitions are not a valid manifest: " + e.getMessage())));
        }
        try {
            return Verdict.settle(pending, verifier.verify(live), snapshot, live);
        } catch (Exception e) {
            return Verdict.rejected(pending, List.of(GateReason.server(Kind.VERIFICATION_FAILED,
                    "verification failed: " + e)));
        }
    }

    /**
     * The {@link SendGuard} of session {@code source}: checks a request against the verdict in
     * force at the moment it is sent, and sends it under the lock, so it is ordered against every
     * invalidation.
     */
    private void checkSend(RawSession source, String method, JsonNode params, Runnable send)
            throws GateRefusedException {
        Optional<EntryKey> part = SendCheck.part(method, params);
        synchronized (lock) {
            if (closed) {
                throw new GateRefusedException(Refusal.CLOSED, Optional.empty(), List.of());
            }
            if (part.isPresent()) {
                SendCheck.allow(part.get(), verdict, session == source);
            }
            send.run();
        }
    }

    /** Puts {@code result} in force unless something newer invalidated it meanwhile. */
    private void install(long pending, Verdict result) {
        synchronized (lock) {
            if (!closed && generation == pending && verdict == null) {
                verdict = result;
                lock.notifyAll();
            }
        }
    }

    /** Called on the session's reading thread: blocks requests at once, verifies on the worker. */
    private void invalidate(RawSession source) {
        synchronized (lock) {
            if (closed || session != source) {
                return;
            }
            verdict = null;
            generation++;
        }
        submit(this::verifyPending);
    }

    /** Runs {@code task} on the worker; whatever escapes it rejects the server. */
    private void submit(Runnable task) {
        try {
            worker.execute(() -> {
                long pending;
                synchronized (lock) {
                    pending = generation;
                }
                try {
                    task.run();
                } catch (Throwable t) { // fail closed on anything, Errors included
                    install(pending, Verdict.rejected(pending, List.of(GateReason.server(
                            Kind.VERIFICATION_FAILED, "the gate's worker failed: " + t))));
                }
            });
        } catch (RejectedExecutionException e) {
            // closed meanwhile: requests are refused as CLOSED
        }
    }
}
