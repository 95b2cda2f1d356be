package dev.toolseal.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.toolseal.tlog.note.NoteSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/scripts/log-keygen.sh makes keys the registry loads ({@link NoteSigner}, the parser the
 * registry's LogSigningKey uses), prints the matching verifier key, never overwrites a key file.
 * Needs openssl on the PATH (skipped without it).
 */
class LogKeygenScriptTest {

    private static final String ORIGIN = "registry.example.org/log";

    @TempDir
    Path temp;

    @BeforeAll
    static void needsOpenssl() throws Exception {
        boolean present;
        try {
            present = new ProcessBuilder("openssl", "version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            present = false;
        }
        assumeTrue(present, "openssl is not installed");
    }

    private record Run(int exit, String stdout) {
    }

    private static Run keygen(String origin, Path out) throws Exception {
        Path script = Repo.deployDir().resolve("scripts/log-keygen.sh");
        Process p = new ProcessBuilder("sh", script.toString(), origin, out.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
        return new Run(p.exitValue(), stdout.strip());
    }

    @Test
    void generatedKeysLoadAndMatchThePrintedVerifierKey() throws Exception {
        for (int i = 0; i < 8; i++) {
            Path key = temp.resolve("key-" + i);
            Run run = keygen(ORIGIN, key);
            assertEquals(0, run.exit());
            NoteSigner signer = NoteSigner.fromPrivateKeyString(Files.readString(key, StandardCharsets.UTF_8).strip());
            assertEquals(ORIGIN, signer.name());
            assertEquals(signer.verifierKey(), run.stdout());
            assertEquals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(key));
        }
    }

    @Test
    void twoRunsMakeTwoKeys() throws Exception {
        assertEquals(0, keygen(ORIGIN, temp.resolve("a")).exit());
        assertEquals(0, keygen(ORIGIN, temp.resolve("b")).exit());
        assertNotEquals(Files.readString(temp.resolve("a")), Files.readString(temp.resolve("b")));
    }

    @Test
    void neverOverwritesAKeyFile() throws Exception {
        Path key = temp.resolve("key");
        assertEquals(0, keygen(ORIGIN, key).exit());
        String first = Files.readString(key);
        assertEquals(1, keygen(ORIGIN, key).exit());
        assertEquals(first, Files.readString(key));
    }

    @Test
    void refusesOriginsThatCannotBeKeyNames() throws Exception {
        assertEquals(2, keygen("bad+origin", temp.resolve("k1")).exit());
        assertEquals(2, keygen("bad origin", temp.resolve("k2")).exit());
        assertEquals(false, Files.exists(temp.resolve("k1")) || Files.exists(temp.resolve("k2")));
    }
}
