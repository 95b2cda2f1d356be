package dev.toolseal.registry.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toolseal.registry.problem.ProblemType;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which database failures are the client's (4xx) and which are the service's (503). */
class TransactionsTest {

    private static ProblemType mapped(String sqlState) {
        return Transactions.unavailable(new SQLException("x", sqlState)).type();
    }

    @Test
    void valuesPostgresRefusesAreTheClients() {
        assertEquals(ProblemType.INVALID_PARAMETER, mapped("22021")); // NUL byte in text
        assertEquals(ProblemType.INVALID_PARAMETER, mapped("22P05")); // untranslatable character
    }

    @Test
    void lostConnectionsAndShutdownsAreUnavailable() {
        assertEquals(ProblemType.UNAVAILABLE, mapped("08001"));
        assertEquals(ProblemType.UNAVAILABLE, mapped("08006"));
        assertEquals(ProblemType.UNAVAILABLE, mapped("57P01"));
        assertEquals(ProblemType.UNAVAILABLE, mapped(null));
    }
}
