package dev.toolseal.registry.bench;

import static dev.toolseal.registry.write.Signed.post;

import dev.toolseal.registry.write.Signed;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.keys.SigningKey;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The registry benchmark; not part of the suite (its name does not end in Test). Run with
 * {@code ./mvnw -B -q -pl registry-service -am verify -Dtest=RegistryBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.clients=64 -Dbench.publishes=6400 -Dbench.gets=50000
 * -Dbench.warmup=1600]}.
 *
 * <p>Against the real application and its embedded PostgreSQL (fsync on), over loopback:
 * publishes/s (each a fresh, pre-signed release envelope, so signing does not load the client
 * during the run), browse GETs/s (release details with inclusion proof, and server listings), and
 * tile GETs/s (a full level-0 tile). A warm-up of {@code bench.warmup} publishes (other versions)
 * runs first, unmeasured. Each phase also reports CPU per request: the service's threads, the load
 * generator's, the JIT's and the GC's (one JVM), PostgreSQL's, and the machine's. Results go to stdout.
 */
@QuarkusTest
class RegistryBenchmark {

    @TestHTTPResource("/")
    URI base;

    @Inject
    DataSource dataSource;

    @Test
    void measure() throws Exception {
        int clients = Integer.getInteger("bench.clients", 64);
        int publishes = Integer.getInteger("bench.publishes", 6400);
        int gets = Integer.getInteger("bench.gets", 50_000);
        int perClient = Math.max(1, publishes / clients);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        int warmup = Integer.getInteger("bench.warmup", publishes / 4);
        int warmupPerClient = Math.max(1, warmup / clients);
        List<String> servers = new ArrayList<>();
        List<byte[]> releases = new ArrayList<>();
        List<byte[]> warmups = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            SigningKey key = KeyPairs.generate();
            String namespace = Signed.freshNamespace();
            post("/v1/keys/bind", Signed.binding(key, namespace)).then().statusCode(201);
            String server = namespace + "/bench";
            servers.add(server);
            for (int i = 0; i < perClient; i++) {
                releases.add(Signed.release(key, server, "1.0." + i, "Benchmark tool " + i).toJson());
            }
            for (int i = 0; i < warmupPerClient; i++) {
                warmups.add(Signed.release(key, server, "0.9." + i, "Warm-up tool " + i).toJson());
            }
        }
        System.err.println("bench: " + releases.size() + " release envelopes signed; warming up");
        // the same publish load, not measured: the JIT compiles the hot paths of a fresh JVM first
        LoadRun.Result warm = LoadRun.run("warm-up", http, clients, warmupPerClient, 201,
                n -> LoadRun.post(base, "/v1/releases", warmups.get(n)));
        CpuMeter cpu = new CpuMeter(dataSource);
        CpuMeter.Snapshot t0 = cpu.take();
        LoadRun.Result publish = LoadRun.run("publish", http, clients, perClient, 201,
                n -> LoadRun.post(base, "/v1/releases", releases.get(n)));
        CpuMeter.Snapshot t1 = cpu.take();
        int getsPerClient = Math.max(1, gets / clients);
        LoadRun.Result browse = LoadRun.run("browse", http, clients, getsPerClient, 200,
                n -> LoadRun.get(base, n % 2 == 0
                        ? "/v1/servers/" + servers.get(n % servers.size()) + "/versions/1.0." + (n % perClient)
                        : "/v1/servers?limit=20"));
        CpuMeter.Snapshot t2 = cpu.take();
        LoadRun.Result tiles = LoadRun.run("tiles", http, clients, getsPerClient, 200,
                n -> LoadRun.get(base, n % 8 == 0 ? "/log/checkpoint" : "/log/tile/0/000"));
        CpuMeter.Snapshot t3 = cpu.take();
        System.out.println("registry benchmark (loopback, embedded PostgreSQL, " + clients + " clients, "
                + Runtime.getRuntime().availableProcessors() + " cpus)");
        System.out.println(warm + " (not measured)");
        System.out.println(publish);
        System.out.println("         " + CpuMeter.describe(t0, t1, publish.requests()));
        System.out.println(browse);
        System.out.println("         " + CpuMeter.describe(t1, t2, browse.requests()));
        System.out.println(tiles);
        System.out.println("         " + CpuMeter.describe(t2, t3, tiles.requests()));
    }
}
