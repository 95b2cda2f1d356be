package dev.toolseal.registry.witness;

import dev.toolseal.tlog.note.CosignatureVerifier;
import dev.toolseal.tlog.note.NoteSigner;
import dev.toolseal.tlog.witness.WitnessKeyFile;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Two tlog-witness servers, each its own JVM (the tlog-witness main class from this test's
 * classpath), configured for a log key made here; the registry is given that key and both
 * witnesses as {@code toolseal.witnesses}.
 */
public class WitnessProcesses implements QuarkusTestResourceLifecycleManager {

    static final String ORIGIN = "toolseal.local/log";

    static volatile NoteSigner logKey;
    static final List<Witness> WITNESSES = new ArrayList<>();

    /** One running witness process. */
    record Witness(Process process, String url, CosignatureVerifier key) {
    }

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("witnesses");
            logKey = NoteSigner.generate(ORIGIN, new SecureRandom());
            List<String> config = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                Path keyFile = dir.resolve("w" + i + ".key");
                CosignatureVerifier key = WitnessKeyFile.generate(keyFile, "witness.test/w" + i, new SecureRandom(),
                        Clock.systemUTC()).verifier();
                Witness w = launch(keyFile, dir.resolve("state" + i), key);
                WITNESSES.add(w);
                config.add(w.url() + "|" + key.verifierKey());
            }
            return Map.of("toolseal.log.private-key", logKey.toPrivateKeyString(), "toolseal.log.origin", ORIGIN,
                    "toolseal.witnesses", String.join(",", config), "toolseal.witness.retry", "1s");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Witness launch(Path keyFile, Path state, CosignatureVerifier key) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "dev.toolseal.tlog.witness.WitnessMain", "--key", keyFile.toString(), "--log",
                logKey.verifierKey(), "--state", state.toString(), "--listen", "127.0.0.1:0")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("listening ")) {
            p.destroyForcibly();
            throw new IOException("the witness did not start: " + line);
        }
        return new Witness(p, "http://" + line.substring("listening ".length()), key);
    }

    @Override
    public void stop() {
        for (Witness w : WITNESSES) {
            w.process().destroy();
            try {
                w.process().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        WITNESSES.clear();
    }
}
