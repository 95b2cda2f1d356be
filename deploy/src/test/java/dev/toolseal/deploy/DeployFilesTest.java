package dev.toolseal.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed deploy/ directory: every file parses and passes every check. */
class DeployFilesTest {

    @Test
    void everyDeployFilePassesEveryCheck() throws Exception {
        DeployCheck.Result result = DeployCheck.run(Repo.deployDir(), Repo.root(), Repo.facts());
        assertEquals(List.of(), result.findings(), () -> String.join("\n",
                result.findings().stream().map(Finding::toString).toList()));
    }

    @Test
    void everyDeploymentFileIsCheckedAsItsKind() throws Exception {
        Map<String, String> kinds = DeployCheck.run(Repo.deployDir(), Repo.root(), Repo.facts()).kinds();
        assertEquals("compose", kinds.get("compose/compose.yaml"));
        assertEquals("nginx", kinds.get("compose/nginx/nginx.conf"));
        assertEquals("containerfile", kinds.get("container/Containerfile"));
        assertEquals("shell", kinds.get("container/entrypoint.sh"));
        assertEquals("shell", kinds.get("container/healthcheck.sh"));
        assertEquals("shell", kinds.get("scripts/log-keygen.sh"));
        for (String manifest : List.of("namespace", "configmap", "secret-log-key", "database", "deployment",
                "service", "poddisruptionbudget", "ingress", "kustomization")) {
            assertEquals("kubernetes", kinds.get("kubernetes/" + manifest + ".yaml"), manifest);
        }
        assertTrue(kinds.containsKey("RUNBOOK.md"));
        assertTrue(kinds.keySet().stream().noneMatch(k -> k.startsWith("src/") || k.startsWith("target/")));
    }
}
