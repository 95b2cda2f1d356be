package dev.toolseal.registry.witness;

import dev.toolseal.registry.RegistryConfig;
import dev.toolseal.registry.log.LogEngine;
import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.engine.PublishedCheckpoint;
import dev.toolseal.tlog.note.NoteSignature;
import dev.toolseal.tlog.witness.WitnessCallException;
import dev.toolseal.tlog.witness.WitnessClient;
import dev.toolseal.tlog.witness.WitnessEndpoint;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps the latest cosignature of each configured witness for the log's latest checkpoint.
 *
 * <p>One background thread checks the latest checkpoint every {@link #POLL}; each witness that
 * has not cosigned it, or whose cosignature is older than {@code toolseal.witness.refresh}, gets
 * it (with a consistency proof from the size that witness last cosigned). A witness that fails is
 * logged and retried after {@code toolseal.witness.retry}; publishing never waits for a witness.
 * Cosignatures are kept in memory only: after a restart the current checkpoint is sent again
 * within a poll, so at worst {@code /log/checkpoint} lacks them for that long.
 */
@Startup
@ApplicationScoped
public class WitnessCosignatures {

    /** Shutdown observers with a lower priority run earlier. */
    static final int SHUTDOWN_PRIORITY = 50;

    /** How often the latest checkpoint is looked at. */
    static final Duration POLL = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(WitnessCosignatures.class);

    /** A witness's cosignature of the checkpoint of {@code size} and {@code root}, made at {@code at}. */
    record Cosigned(long size, Hash root, NoteSignature signature, Instant at) {
    }

    /** One witness: its client and, touched only by the timer thread, when to call it next. */
    private static final class Slot {
        final WitnessClient client;
        Instant nextTry = Instant.MIN;
        boolean failing;

        Slot(WitnessClient client) {
            this.client = client;
        }
    }

    private final LogEngine engine;
    private final Duration refresh;
    private final Duration retry;
    private final Clock clock = Clock.systemUTC();
    private final List<Slot> slots = new ArrayList<>();
    private final Map<WitnessEndpoint, Cosigned> latest = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    @Inject
    public WitnessCosignatures(LogEngine engine, RegistryConfig config) {
        this.engine = engine;
        this.refresh = config.witness().refresh();
        this.retry = config.witness().retry();
        List<WitnessEndpoint> witnesses = config.witnesses().orElse(List.of());
        if (witnesses.isEmpty()) {
            this.timer = null;
            return;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(config.witness().timeout()).build();
        for (WitnessEndpoint w : witnesses) {
            slots.add(new Slot(new WitnessClient(w, engine.signer().verifier(), http, config.witness().timeout())));
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "witness-cosigner");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::poll, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("Checkpoints are sent to %d witnesses: %s", witnesses.size(), witnesses);
    }

    /**
     * The cosignatures made over the checkpoint of {@code size} and {@code root}, one per witness
     * that has cosigned exactly that checkpoint, in configuration order.
     */
    public List<NoteSignature> cosignatures(long size, Hash root) {
        List<NoteSignature> out = new ArrayList<>();
        for (Slot s : slots) {
            Cosigned c = latest.get(s.client.endpoint());
            if (c != null && c.size() == size && c.root().equals(root)) {
                out.add(c.signature());
            }
        }
        return out;
    }

    private void poll() {
        try {
            Optional<PublishedCheckpoint> current = engine.latestCheckpoint();
            if (current.isEmpty()) {
                return;
            }
            for (Slot s : slots) {
                send(s, current.get());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Witness cosigning skipped a round: %s", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(Slot s, PublishedCheckpoint cp) throws InterruptedException {
        Instant now = clock.instant();
        Cosigned have = latest.get(s.client.endpoint());
        boolean fresh = have != null && have.size() == cp.size() && have.root().equals(cp.root())
                && have.at().plus(refresh).isAfter(now);
        if (fresh || now.isBefore(s.nextTry)) {
            return;
        }
        try {
            NoteSignature sig = s.client.cosign(cp.note(), (from, to) -> engine.reader().consistencyProof(from, to));
            latest.put(s.client.endpoint(), new Cosigned(cp.size(), cp.root(), sig, now));
            if (s.failing) {
                LOG.infof("Witness %s cosigns again (tree size %d)", s.client.endpoint().prefix(), cp.size());
            }
            s.failing = false;
        } catch (WitnessCallException e) {
            s.nextTry = now.plus(retry);
            if (!s.failing) {
                LOG.warnf("Witness did not cosign tree size %d: %s; retrying every %s", cp.size(), e.getMessage(),
                        retry);
            }
            s.failing = true;
        }
    }

    /** Stops calling witnesses before the log engine (priority 100) stops. */
    void stop(@Observes @Priority(SHUTDOWN_PRIORITY) ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
