package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.gate.Decision;
import dev.toolseal.verifier.gate.GateReason;
import dev.toolseal.verifier.gate.Verdict;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.mcp.ListKind;
import dev.toolseal.verifier.mcp.RawSnapshot;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One run of the gate engine ({@link Guard}) inside a Java process: the client side is in
 * memory. Lines from the client go in through {@link #send}; every line the engine writes to the
 * client is handed to the consumer given at start, on the engine's writer thread, in order. The
 * upstream is the one {@link GuardSettings} names (a child process or a streamable HTTP
 * endpoint), exactly as for {@code toolseal guard}. Used by
 * {@link dev.toolseal.verifier.gate.GatedMcpClient}.
 *
 * <p>The verdict in force is reported as the public {@link Verdict}; {@link #verdict(long,
 * GuardVerdict)} is the one place that derives it from the engine's own verdict.
 */
public final class EmbeddedGuard implements AutoCloseable {
    private final Guard guard;
    private final LineQueue in = new LineQueue();
    private final LineSplitter out;
    private final Thread runner;
    private volatile boolean ended;
    private volatile String endReason = "";
    private GuardVerdict lastEngine; // guarded by this
    private Verdict lastPublic; // guarded by this

    private EmbeddedGuard(GuardSettings settings, Consumer<byte[]> toClient) {
        this.guard = new Guard(settings);
        this.out = new LineSplitter(Objects.requireNonNull(toClient, "toClient"), () -> { });
        this.runner = new Thread(this::run, "toolseal-embedded-guard " + settings.server().name());
        this.runner.setDaemon(true);
    }

    /** Starts the upstream and the engine; returns at once. */
    public static EmbeddedGuard start(GuardSettings settings, Consumer<byte[]> toClient) {
        EmbeddedGuard embedded = new EmbeddedGuard(settings, toClient);
        embedded.runner.start();
        return embedded;
    }

    private void run() {
        PrintStream err = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        try {
            int end = guard.run(in, out, err);
            endReason = end == Guard.UPSTREAM_EXITED ? "the upstream server exited" : "the session was closed";
        } catch (IOException e) {
            endReason = "the upstream server could not be started: " + e.getMessage();
        } catch (InterruptedException e) {
            endReason = "interrupted";
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            endReason = "the engine failed: " + e;
        } finally {
            ended = true;
        }
    }

    /** Hands one client line (one JSON-RPC message or batch, no newline) to the engine. */
    public void send(String line) {
        in.add(line);
    }

    /** Whether the run ended (the upstream exited or could not start, or {@link #close}). */
    public boolean ended() {
        return ended;
    }

    /** Why the run ended; empty while it runs. */
    public String endReason() {
        return endReason;
    }

    /**
     * The verdict in force, or empty while none is (before the first verification, and while a
     * re-verification runs). Its generation is {@code epoch} plus the engine's generation.
     */
    public Optional<Verdict> verdictInForce(long epoch) {
        GuardSession session = guard.session();
        if (session == null) {
            return Optional.empty();
        }
        GuardSession.State state = session.state();
        if (state.verdict() == null) {
            return Optional.empty();
        }
        synchronized (this) {
            if (state.verdict() != lastEngine) {
                lastEngine = state.verdict();
                lastPublic = verdict(epoch + state.generation(), state.verdict());
            }
            return Optional.of(lastPublic);
        }
    }

    /**
     * The verdict the engine puts in force for {@code decision} about {@code live}, recorded as
     * {@code snapshot} (the engine's rules applied), as the public type: for judging a recorded
     * snapshot without a session.
     */
    public static Verdict settle(long generation, Decision decision, RawSnapshot snapshot, ToolManifest live) {
        return verdict(generation, GuardVerdict.settle(decision, live, snapshot));
    }

    /**
     * The public {@link Verdict} of an engine verdict: its decision and allowed parts, and the
     * allowed {@code tools/list} entries of the very snapshot that was judged, raw and as SDK
     * records, in the server's order.
     */
    static Verdict verdict(long generation, GuardVerdict v) {
        McpJsonMapper mapper = McpJsonDefaults.getMapper();
        List<JsonNode> raw = new ArrayList<>();
        List<McpSchema.Tool> typed = new ArrayList<>();
        Optional<JsonNode> listed = v.listResult(ListKind.TOOLS).map(r -> r.path(ListKind.TOOLS.itemsField()));
        if (listed.isPresent()) {
            for (JsonNode tool : listed.get()) {
                raw.add(tool);
                try {
                    typed.add(mapper.readValue(RpcParser.text(tool), McpSchema.Tool.class));
                } catch (IOException | RuntimeException e) { // fail closed: nothing is shown
                    return new Verdict(generation, new Decision.RejectServer(List.of(GateReason.server(
                            GateReason.Kind.RECORDING_FAILED, "a verified tool is not an SDK tool: " + e))),
                            Set.of(), List.of(), List.of());
                }
            }
        }
        return new Verdict(generation, v.decision(), v.allowed(), raw, typed);
    }

    /** Ends the client side: the upstream is stopped as when a guard's client leaves. */
    @Override
    public void close() {
        in.end();
        try {
            runner.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
