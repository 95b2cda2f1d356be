package dev.toolseal.registry.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.registry.bench.LoadRun;
import dev.toolseal.registry.write.Signed;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.keys.SigningKey;
import dev.toolseal.verifier.log.LogLeaf;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * Publisher clients, each with its own key bound to its own namespace, publishing fresh signed
 * releases; every acknowledged publish (201 with a log index) is remembered with the leaf the
 * log must hold for it. Also the browse action over what was acknowledged.
 */
final class Publishers {

    /** An acknowledged publish: the registry said the release is at {@code index}. */
    record Ack(String server, String version, long index, byte[] leaf) {
    }

    private final HttpClient http;
    private final String tag;
    private final List<SigningKey> keys = new ArrayList<>();
    private final List<String> servers = new ArrayList<>();
    private final List<Ack> acks = new ArrayList<>();

    /** Binds {@code clients} fresh keys through {@code base}; {@code tag} makes versions unique per run. */
    Publishers(HttpClient http, URI base, int clients, String tag) throws IOException, InterruptedException {
        this.http = http;
        this.tag = tag;
        for (int c = 0; c < clients; c++) {
            SigningKey key = KeyPairs.generate();
            String namespace = Signed.freshNamespace();
            HttpResponse<Void> r = http.send(LoadRun.post(base, "/v1/keys/bind", Signed.binding(key, namespace, http, base).toJson()),
                    HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 201) {
                throw new IOException("binding a publisher key: " + r.statusCode());
            }
            keys.add(key);
            servers.add(namespace + "/reliability");
        }
    }

    int clients() {
        return keys.size();
    }

    /** Publishes one fresh release of client {@code c}'s server to {@code target.apply(c)}. */
    Load.Action publish(IntFunction<URI> target) {
        return (client, seq) -> {
            SigningKey key = keys.get(client % keys.size());
            String server = servers.get(client % keys.size());
            String version = tag + "." + client + "." + seq;
            Envelope release = Signed.release(key, server, version, "Reliability tool " + seq);
            HttpResponse<byte[]> r;
            try {
                r = http.send(LoadRun.post(target.apply(client), "/v1/releases", release.toJson()),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                return -1;
            }
            if (r.statusCode() == 201) {
                JsonNode receipt = Signed.JSON.readTree(r.body());
                add(new Ack(server, version, receipt.get("logIndex").asLong(),
                        LogLeaf.describe(release, key.keyId()).format()));
            }
            return r.statusCode();
        };
    }

    /** Release details of a random acknowledged publish, or (every fourth request) a server listing. */
    Load.Action browse(IntFunction<URI> target) {
        return (client, seq) -> {
            Ack ack = randomAck();
            String path = ack == null || seq % 4 == 3 ? "/v1/servers?limit=20"
                    : "/v1/servers/" + ack.server() + "/versions/" + ack.version();
            try {
                return http.send(LoadRun.get(target.apply(client), path), HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (IOException e) {
                return -1;
            }
        };
    }

    private synchronized void add(Ack ack) {
        acks.add(ack);
    }

    private synchronized Ack randomAck() {
        return acks.isEmpty() ? null : acks.get(ThreadLocalRandom.current().nextInt(acks.size()));
    }

    synchronized List<Ack> acks() {
        return List.copyOf(acks);
    }
}
