package dev.toolseal.registry.store;

import dev.toolseal.registry.problem.ProblemException;
import dev.toolseal.registry.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Runs work in one JDBC transaction on the registry's datasource. Database failures become
 * {@link ProblemType#UNAVAILABLE} problems (the cause is logged, never sent); problems thrown by
 * the work roll the transaction back and pass through unchanged.
 */
@ApplicationScoped
public class Transactions {

    private static final Logger LOG = Logger.getLogger(Transactions.class);

    /** Work inside a transaction. */
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;

    @Inject
    public Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} in a read-write transaction and commits it. */
    public <T> T write(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        }
    }

    /** Runs {@code work} in a read-only transaction, mapping database failures to a 503 problem. */
    public <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try {
                return work.run(c);
            } finally {
                rollback(c);
                c.setReadOnly(false);
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * The problem for a database failure: 503 (the cause goes to the service log only), except
     * when PostgreSQL refused a value the client sent (SQLSTATE class 22, data exception, such as
     * a NUL character in a name), which is the client's 400 {@code invalid-parameter}.
     */
    public static ProblemException unavailable(SQLException e) {
        if (e.getSQLState() != null && e.getSQLState().startsWith("22")) {
            LOG.debugf("Value refused by the database: %s", e.getSQLState());
            return new ProblemException(ProblemType.INVALID_PARAMETER, "A value in the request is not acceptable text.");
        }
        LOG.warn("Database failure", e);
        return new ProblemException(ProblemType.UNAVAILABLE, "The registry database is unavailable.");
    }

    /** Whether {@code e} is a unique-constraint violation (SQLSTATE 23505). */
    public static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback failed", e);
        }
    }
}
