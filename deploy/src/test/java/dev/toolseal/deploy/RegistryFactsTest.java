package dev.toolseal.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The facts the checks compare against are really read from registry-service. */
class RegistryFactsTest {

    @Test
    void readsTheRegistrysPropertiesPortsPathsAndCacheHeaders() throws Exception {
        RegistryFacts facts = Repo.facts();
        for (String property : Set.of("toolseal.data-dir", "toolseal.log.origin", "toolseal.log.private-key",
                "toolseal.log.private-key-file", "toolseal.log.sequencer-max-wait", "toolseal.write.max-concurrent",
                "toolseal.embedded-postgres.data-dir", "quarkus.datasource.jdbc.max-size")) {
            assertTrue(facts.properties().contains(property), property);
        }
        assertTrue(facts.isPropertyEnv("TOOLSEAL_LOG_PRIVATE_KEY_FILE"));
        assertTrue(facts.isPropertyEnv("QUARKUS_DATASOURCE_PASSWORD"));
        assertFalse(facts.isPropertyEnv("TOOLSEAL_LOG_KEY"));
        assertFalse(facts.isPropertyEnv("TOOLSEAL_LOG"));
        assertEquals(8080, facts.httpPort());
        assertEquals(Set.of("/q/health/live", "/q/health/ready"), facts.healthPaths());
        assertEquals(32, facts.poolSize());
        assertEquals(1L << 20, facts.maxBodyBytes());
        assertEquals(Duration.ofSeconds(5), facts.logCacheMaxAge().get("CHECKPOINT_CACHE"));
        assertEquals(Duration.ofSeconds(60), facts.logCacheMaxAge().get("PARTIAL_TILE_CACHE"));
        assertEquals(Duration.ofDays(365), facts.logCacheMaxAge().get("FULL_TILE_CACHE"));
    }

    @Test
    void kebabCaseMatchesSmallRyesDefaultNaming() {
        assertEquals("private-key-file", RegistryFacts.kebab("privateKeyFile"));
        assertEquals("data-dir", RegistryFacts.kebab("dataDir"));
        assertEquals("origin", RegistryFacts.kebab("origin"));
        assertEquals("TOOLSEAL_EMBEDDED_POSTGRES_DATA_DIR", RegistryFacts.envName("toolseal.embedded-postgres.data-dir"));
    }
}
