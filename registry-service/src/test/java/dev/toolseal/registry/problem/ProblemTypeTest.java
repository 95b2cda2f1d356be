package dev.toolseal.registry.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProblemTypeTest {

    @Test
    void typeUrisAreUniqueAndUnderTheProblemsBase() {
        Set<String> seen = new HashSet<>();
        for (ProblemType type : ProblemType.values()) {
            String uri = type.uri().toString();
            assertTrue(uri.startsWith(ProblemType.BASE), uri);
            assertTrue(seen.add(uri), uri);
        }
    }

    @Test
    void everyFrameworkErrorStatusKeepsItsStatus() {
        for (int status : new int[] {400, 401, 403, 404, 405, 406, 409, 413, 415, 429, 500, 503}) {
            assertEquals(status, ProblemType.forStatus(status).status(), Integer.toString(status));
        }
        assertEquals(ProblemType.BAD_REQUEST, ProblemType.forStatus(418));
        assertEquals(ProblemType.INTERNAL_ERROR, ProblemType.forStatus(502));
    }
}
