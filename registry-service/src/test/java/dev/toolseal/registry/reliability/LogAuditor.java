package dev.toolseal.registry.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.registry.bench.LoadRun;
import dev.toolseal.registry.write.Signed;
import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.MerkleTree;
import dev.toolseal.tlog.Rfc6962;
import dev.toolseal.tlog.checkpoint.Checkpoint;
import dev.toolseal.tlog.checkpoint.SignedCheckpoint;
import dev.toolseal.tlog.note.NoteVerifier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Audits the log as an outside client would, over HTTP only. While load runs, it fetches the
 * signed checkpoint from every registry over and over (each must verify under the log key, and
 * two checkpoints of one size must have one root). At the end it proves every seen checkpoint
 * consistent with the final one, and every acknowledged publish included in the final tree with
 * the leaf it must have, and present in the browse API at its index.
 */
final class LogAuditor {

    /** The audit's counts and every violated property. */
    record Report(int checkpoints, int consistencyProofs, int inclusionProofs, int browsed, long finalSize,
            List<String> violations) {
    }

    private final HttpClient http;
    private final NoteVerifier logKey;
    private final Map<Long, Hash> roots = new TreeMap<>();
    private final List<String> violations = new ArrayList<>();
    private volatile boolean stopping;
    private Thread sampler;
    private int samples;

    LogAuditor(HttpClient http, URI anyRegistry) throws Exception {
        this.http = http;
        HttpResponse<String> key = http.send(LoadRun.get(anyRegistry, "/log/key"), HttpResponse.BodyHandlers.ofString());
        this.logKey = NoteVerifier.parse(key.body().trim());
    }

    /** Samples the checkpoints of the registries {@code targets} supplies, every 200 ms, until {@link #stopSampling}. */
    void startSampling(Supplier<List<URI>> targets) {
        sampler = new Thread(() -> {
            while (!stopping) {
                for (URI base : targets.get()) {
                    try {
                        checkpoint(base);
                    } catch (IOException e) {
                        // a registry that is down or restarting does not answer
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "checkpoint-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    void stopSampling() throws InterruptedException {
        stopping = true;
        if (sampler != null) {
            sampler.join(60_000);
        }
    }

    /** Fetches, verifies and records the checkpoint of {@code base}; null if it did not answer 200. */
    Checkpoint checkpoint(URI base) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(LoadRun.get(base, "/log/checkpoint"), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            return null;
        }
        Checkpoint cp;
        try {
            cp = SignedCheckpoint.open(r.body(), logKey).checkpoint();
        } catch (Exception e) {
            violation("checkpoint from " + base + " does not verify: " + e);
            return null;
        }
        synchronized (this) {
            samples++;
            Hash seen = roots.putIfAbsent(cp.size(), cp.root());
            if (seen != null && !seen.equals(cp.root())) {
                violation("two roots for size " + cp.size() + ": " + seen + " and " + cp.root());
            }
        }
        return cp;
    }

    private synchronized void violation(String what) {
        if (violations.size() < 50) {
            violations.add(what);
        }
    }

    /**
     * Waits (up to two minutes) for a checkpoint covering every acknowledged index, then proves.
     */
    Report audit(URI base, List<Publishers.Ack> acks) throws Exception {
        long needed = acks.stream().mapToLong(Publishers.Ack::index).max().orElse(-1) + 1;
        Map<Long, Publishers.Ack> byIndex = new HashMap<>();
        for (Publishers.Ack ack : acks) {
            Publishers.Ack other = byIndex.put(ack.index(), ack);
            if (other != null) {
                violation("index " + ack.index() + " acknowledged twice: " + other.version() + ", " + ack.version());
            }
        }
        Checkpoint last = null;
        long deadline = System.nanoTime() + 120_000_000_000L;
        while ((last == null || last.size() < needed) && System.nanoTime() < deadline) {
            last = checkpoint(base);
            if (last == null || last.size() < needed) {
                Thread.sleep(250);
            }
        }
        if (last == null || last.size() < needed) {
            violation("no checkpoint covers index " + (needed - 1) + " (last: " + last + ")");
            return report(0, 0, 0, last == null ? 0 : last.size());
        }
        Checkpoint fin = last;
        Map<Long, Hash> seen;
        synchronized (this) {
            seen = new TreeMap<>(roots);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> consistency = new ArrayList<>();
            for (Map.Entry<Long, Hash> e : seen.entrySet()) {
                if (e.getKey() > 0 && e.getKey() < fin.size()) {
                    consistency.add(pool.submit(() -> consistent(base, e.getKey(), e.getValue(), fin)));
                }
            }
            List<Future<Boolean>> included = new ArrayList<>();
            List<Future<Boolean>> browsed = new ArrayList<>();
            for (Publishers.Ack ack : acks) {
                included.add(pool.submit(() -> included(base, ack, fin)));
                browsed.add(pool.submit(() -> browsable(base, ack)));
            }
            return report(count(consistency), count(included), count(browsed), fin.size());
        } finally {
            pool.shutdownNow();
        }
    }

    private synchronized Report report(int consistency, int inclusion, int browsed, long size) {
        return new Report(samples, consistency, inclusion, browsed, size, List.copyOf(violations));
    }

    private static int count(List<Future<Boolean>> futures) throws Exception {
        int n = 0;
        for (Future<Boolean> f : futures) {
            n += f.get() ? 1 : 0;
        }
        return n;
    }

    private boolean consistent(URI base, long size, Hash root, Checkpoint fin) throws Exception {
        JsonNode proof = json(base, "/v1/log/proof/consistency?from=" + size + "&to=" + fin.size());
        try {
            MerkleTree.verifyConsistency(size, fin.size(), hashes(proof), root, fin.root());
            return true;
        } catch (Exception e) {
            violation("checkpoint of size " + size + " is not consistent with size " + fin.size() + ": " + e);
            return false;
        }
    }

    private boolean included(URI base, Publishers.Ack ack, Checkpoint fin) throws Exception {
        JsonNode proof = json(base, "/v1/log/proof/inclusion?index=" + ack.index() + "&size=" + fin.size());
        try {
            MerkleTree.verifyInclusion(Rfc6962.leafHash(ack.leaf()), ack.index(), fin.size(), hashes(proof), fin.root());
            return true;
        } catch (Exception e) {
            violation("acknowledged " + ack.server() + "@" + ack.version() + " at " + ack.index()
                    + " is not that leaf in the final tree: " + e);
            return false;
        }
    }

    private boolean browsable(URI base, Publishers.Ack ack) throws Exception {
        HttpResponse<byte[]> r = http.send(LoadRun.get(base, "/v1/servers/" + ack.server() + "/versions/" + ack.version()),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200 || Signed.JSON.readTree(r.body()).path("logIndex").asLong(-1) != ack.index()) {
            violation("acknowledged " + ack.server() + "@" + ack.version() + " not browsable at its index: " + r.statusCode());
            return false;
        }
        return true;
    }

    private JsonNode json(URI base, String path) throws Exception {
        HttpResponse<byte[]> r = http.send(LoadRun.get(base, path), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException(path + ": " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return Signed.JSON.readTree(r.body());
    }

    private static List<Hash> hashes(JsonNode proof) {
        List<Hash> out = new ArrayList<>();
        proof.path("hashes").forEach(h -> out.add(Hash.fromBase64(h.asText())));
        return out;
    }
}
