package dev.toolseal.registry.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.toolseal.registry.RegistryConfig;
import dev.toolseal.tlog.note.NoteSigner;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSigningKeyTest {

    private static final String ORIGIN = "toolseal.test/log";

    @TempDir
    Path dataDir;

    @Test
    void generatedKeySurvivesARestartOfTheDataDirectory() {
        NoteSigner first = LogSigningKey.load(log(ORIGIN, Optional.empty(), Optional.empty()), dataDir);
        NoteSigner second = LogSigningKey.load(log(ORIGIN, Optional.empty(), Optional.empty()), dataDir);
        assertEquals(first.verifierKey(), second.verifierKey());
        assertEquals(ORIGIN, first.name());
    }

    @Test
    void configuredKeyWins() {
        NoteSigner given = NoteSigner.generate(ORIGIN, new SecureRandom());
        NoteSigner loaded = LogSigningKey.load(log(ORIGIN, Optional.of(given.toPrivateKeyString()), Optional.empty()),
                dataDir);
        assertEquals(given.verifierKey(), loaded.verifierKey());
    }

    @Test
    void keyNamedForAnotherOriginIsRefused() {
        NoteSigner other = NoteSigner.generate("elsewhere.example/log", new SecureRandom());
        assertThrows(IllegalStateException.class,
                () -> LogSigningKey.load(log(ORIGIN, Optional.of(other.toPrivateKeyString()), Optional.empty()), dataDir));
    }

    @Test
    void garbageKeyIsRefused() {
        assertThrows(IllegalStateException.class,
                () -> LogSigningKey.load(log(ORIGIN, Optional.of("PRIVATE+KEY+nope"), Optional.empty()), dataDir));
    }

    private static RegistryConfig.Log log(String origin, Optional<String> key, Optional<Path> file) {
        return new RegistryConfig.Log() {
            @Override
            public String origin() {
                return origin;
            }

            @Override
            public Optional<String> privateKey() {
                return key;
            }

            @Override
            public Optional<Path> privateKeyFile() {
                return file;
            }

            @Override
            public java.time.Duration sequencerMaxWait() {
                return java.time.Duration.ZERO;
            }

            @Override
            public java.time.Duration checkpointInterval() {
                return java.time.Duration.ZERO;
            }
        };
    }
}
