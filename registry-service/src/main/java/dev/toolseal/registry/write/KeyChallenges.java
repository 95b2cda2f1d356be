package dev.toolseal.registry.write;

import dev.toolseal.registry.RegistryConfig;
import dev.toolseal.registry.problem.ProblemException;
import dev.toolseal.registry.problem.ProblemType;
import dev.toolseal.registry.store.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Registry-issued, short-lived, single-use challenges for key bindings. A challenge is 32 random
 * bytes (base64url, 43 characters) kept in {@code key_challenges} until it expires or a binding
 * consumes it. Consuming deletes the row inside the binding's own transaction, so a refused
 * binding leaves its challenge usable and an accepted one uses it up.
 */
@ApplicationScoped
public class KeyChallenges {

    /** An issued challenge. */
    public record Challenge(String nonce, Instant expiresAt) {
    }

    private static final int NONCE_BYTES = 32;

    private final Transactions transactions;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    @Inject
    public KeyChallenges(Transactions transactions, RegistryConfig config) {
        this.transactions = transactions;
        this.ttl = config.write().challengeTtl();
    }

    /** Issues a fresh challenge and purges expired ones. */
    public Challenge issue() {
        byte[] bytes = new byte[NONCE_BYTES];
        random.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        try {
            return transactions.write(c -> {
                try (PreparedStatement purge = c.prepareStatement("DELETE FROM key_challenges WHERE expires_at <= ?");
                        PreparedStatement ps = c.prepareStatement(
                                "INSERT INTO key_challenges (nonce, expires_at) VALUES (?, ?)")) {
                    purge.setTimestamp(1, Timestamp.from(now));
                    purge.executeUpdate();
                    ps.setString(1, nonce);
                    ps.setTimestamp(2, Timestamp.from(expires));
                    ps.executeUpdate();
                }
                return new Challenge(nonce, expires);
            });
        } catch (SQLException e) {
            throw Transactions.unavailable(e);
        }
    }

    /**
     * Throws unless {@code nonce} was issued, is unexpired and unused; reads only. The binding checks
     * this before its ownership proof makes the registry ask DNS or fetch a file, so that work needs a
     * live challenge.
     *
     * @throws ProblemException as {@link #consume}
     */
    public void requireLive(Optional<String> nonce) {
        String n = present(nonce);
        boolean live = transactions.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM key_challenges WHERE nonce = ? AND expires_at > ?")) {
                ps.setString(1, n);
                ps.setTimestamp(2, Timestamp.from(clock.instant()));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
        if (!live) {
            throw invalid();
        }
    }

    /**
     * Uses up {@code nonce} in a transaction of its own: a binding whose ownership proof failed loses
     * its challenge, so each proof the registry checks over the network costs the caller a new one.
     */
    public void discard(String nonce) {
        try {
            transactions.write(c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM key_challenges WHERE nonce = ?")) {
                    ps.setString(1, nonce);
                    return ps.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw Transactions.unavailable(e);
        }
    }

    /**
     * Uses up {@code nonce} on the caller's connection (inside the binding's transaction).
     *
     * @throws ProblemException {@code challenge-required} without a nonce, {@code invalid-challenge}
     *     when it was not issued, has expired or was used
     */
    public void consume(Connection c, Optional<String> nonce) throws SQLException {
        String n = present(nonce);
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM key_challenges WHERE nonce = ? AND expires_at > ?")) {
            ps.setString(1, n);
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            if (ps.executeUpdate() != 1) {
                throw invalid();
            }
        }
    }

    private static String present(Optional<String> nonce) {
        return nonce.orElseThrow(() -> new ProblemException(ProblemType.CHALLENGE_REQUIRED,
                "A key binding must carry a nonce from POST /v1/keys/challenge."));
    }

    private static ProblemException invalid() {
        return new ProblemException(ProblemType.INVALID_CHALLENGE,
                "The nonce was not issued by this registry, has expired or was already used.");
    }
}
